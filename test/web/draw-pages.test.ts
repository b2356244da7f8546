import type { LightMyRequestResponse } from 'fastify';
import { verifyRecord } from '../../src/draws/record/verify-record';
import { loadSolver } from '../../src/draws/selection/highs-solver';
import { until } from '../support/until';
import { eachWebTest, type Visitor } from '../support/web-client';
import { addDrawPool, DRAW_QUOTAS } from '../support/web-fixtures';

/**
 * The draws' pages: the public ones (commitment, source, seed and people drawn by pseudonym,
 * replacements, the pool with small counts withheld, the record to download and check, nothing
 * of anyone's name or contact), and the back-office (prepare from a file chosen or pasted with
 * every problem shown, computed in a worker thread; a dry run, then the run; replacements; each
 * in the audit from `web`).
 */
const t = eachWebTest();

/** The audit's last entry: what, by whom, from where. */
function lastAudit(): { action: string; actorId: number | null; channel: string; detail: unknown } {
  const [event] = t.app.store.audit.list({ limit: 1 });
  if (!event) throw new Error('nothing in the audit');
  return { action: event.action, actorId: event.actorId, channel: event.channel, detail: event.detail };
}

/** Follows a computation's page until it is done: its redirect, or the page saying why not. */
async function finished(agent: Visitor, jobPage: string): Promise<LightMyRequestResponse> {
  return until('the computation to end', async () => {
    const page = await agent.get(jobPage);
    return page.statusCode === 200 && page.body.includes('role="status"') ? null : page;
  });
}

/** Prepares the example draw from the pasted file; returns the draw's page. */
async function prepared(agent: Visitor, quotas = DRAW_QUOTAS): Promise<LightMyRequestResponse> {
  await agent.get('/agent/draws/new');
  const started = await agent.post('/agent/draws', { quotas, file: '' });
  expect(started.statusCode).toBe(303);
  const done = await finished(agent, started.headers.location as string);
  expect(done.statusCode).toBe(303);
  return agent.get(done.headers.location as string);
}

/** Runs draw `id` with `seed`, confirmed. */
async function run(agent: Visitor, id: number, seed: string): Promise<LightMyRequestResponse> {
  await agent.get(`/agent/draws/${id}`);
  return agent.post(`/agent/draws/${id}/run`, { seed, confirm: 'yes' });
}

describe('the back-office', () => {
  test('a pasted quotas file with problems: every one listed, nothing prepared', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/draws/new');
    const bad = DRAW_QUOTAS.replace('panel_size: 5', 'panel_size: zero').replace('gender:', 'shoe_size:').replace('pool: volunteers', 'pool: everybody');
    const refused = await agent.post('/agent/draws', { quotas: bad, file: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/\d points à corriger/);
    expect(refused.body).toContain('panel_size');
    expect(refused.body).toContain('« shoe_size » n&#39;est pas un champ du profil');
    expect(refused.body).toContain('vivier « everybody » inconnu');
    // What was pasted stays, to be corrected.
    expect(refused.body).toContain('shoe_size:');
    expect(t.app.store.draws.list()).toEqual([]);
    expect((await agent.post('/agent/draws', { quotas: '  ', file: '' })).body).toContain('Choisissez un fichier de quotas, ou collez son texte.');
    const unknownSession = await agent.post('/agent/draws', { quotas: `${DRAW_QUOTAS}\nsessions: [9]\n`, file: '' });
    expect(unknownSession.statusCode).toBe(422);
    expect(unknownSession.body).toContain('Séance(s) inconnue(s) dans le fichier : 9');
  });

  test('a file chosen is prepared in a worker thread: the draw with its commitment, in the audit from "web"', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/draws/new');
    const boundary = '----parlons-test';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/x-yaml` : ''}\r\n\r\n${value}\r\n`;
    const server = await t.server();
    const started = await server.inject({
      method: 'POST',
      url: '/agent/draws',
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
      // A byte-order mark, as some editors write, and a pasted text that the file takes precedence over.
      payload: `${part('_csrf', agent.csrf)}${part('quotas', 'not: read')}${part('file', `\uFEFF${DRAW_QUOTAS}`, 'groupe.yaml')}--${boundary}--\r\n`,
    });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toMatch(/^\/agent\/draws\/jobs\/[\w-]+$/);
    const done = await finished(agent, started.headers.location as string);
    expect(done.headers.location).toBe('/agent/draws/1?done=draw_prepared&n=1');
    const draw = t.app.store.draws.find(1);
    expect(draw?.status).toBe('prepared');
    expect(lastAudit()).toEqual({ action: 'draw_prepared', actorId: agent.personId, channel: 'web', detail: { draw_id: 1 } });
    const page = await agent.get(done.headers.location as string);
    expect(page.body).toContain('Tirage n° 1 préparé');
    expect(page.body).toContain(draw?.commitment);
    expect(page.body).toContain('Les numéros du Loto du samedi 5 décembre 2026');
    expect(page.body).toContain('5 places parmi 14 personnes');
  });

  test('the run: a dry run shows the people drawn and records nothing; confirmed, they are invited, in the audit', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    await agent.get('/agent/draws/1');
    const empty = await agent.post('/agent/draws/1/run', { seed: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Écrivez la valeur publiée par la source.');
    const dry = await agent.post('/agent/draws/1/run', { seed: '12 25 31 40 47' });
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toContain('Essai : rien n&#39;est enregistré, personne n&#39;est invité.');
    expect(dry.body).toContain('Confirmer : tirer et inviter ces 5 personnes');
    expect((dry.body.match(/<code>[A-Z0-9]{4}-[A-Z0-9]{4}<\/code>/g) ?? []).length).toBe(5);
    expect(t.app.store.draws.find(1)?.status).toBe('prepared');
    expect(t.app.store.draws.seats(1)).toEqual([]);
    const confirmed = await agent.post('/agent/draws/1/run', { seed: '12 25 31 40 47', confirm: 'yes' });
    expect(confirmed.headers.location).toBe('/agent/draws/1?done=draw_run&n=5');
    expect(t.app.store.draws.find(1)).toMatchObject({ status: 'drawn', seed: '12 25 31 40 47' });
    expect(lastAudit()).toEqual({ action: 'draw_run', actorId: agent.personId, channel: 'web', detail: { draw_id: 1, invited: 5 } });
    // The same panel as the dry run showed: the seed decides.
    const drawn = t.app.store.draws.seats(1).map((s) => s.pseudonym);
    for (const pseudonym of drawn) expect(dry.body).toContain(pseudonym);
    await t.dispatcher.dispatchDue();
    const invited = t.app.store.draws.seats(1).map((s) => t.app.store.contacts.forPerson(s.personId ?? -1)[0]?.address ?? '');
    for (const address of invited) expect(t.channels.console.take(address).join('\n')).toContain('Bonne nouvelle : vous avez été tiré·e au sort pour « Groupe de travail »');
    const page = await agent.get(confirmed.headers.location as string);
    expect(page.body).toContain('Tirage fait : 5 personnes invitées');
    // Run again: refused, the draw is as it was.
    const again = await run(agent, 1, '1 2 3');
    expect(again.headers.location).toBe('/agent/draws/1?done=draw_already_drawn&n=1');
    expect(t.app.store.draws.find(1)?.seed).toBe('12 25 31 40 47');
  });

  test('replacements: a declined seat is filled in a worker thread, within the quotas, in the audit', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    await run(agent, 1, '12 25 31 40 47');
    await t.dispatcher.dispatchDue();
    await agent.get('/agent/draws/1');
    expect((await agent.post('/agent/draws/1/replace', {})).headers.location).toBe('/agent/draws/1?done=draw_nothing_to_replace');
    const [seat] = t.app.store.draws.seats(1);
    const address = t.app.store.contacts.forPerson(seat?.personId ?? -1)[0]?.address ?? '';
    t.channels.console.take(address);
    await t.say(address, '2');
    expect(t.app.store.draws.seat(seat?.id ?? -1)?.status).toBe('declined');
    const started = await agent.post('/agent/draws/1/replace', {});
    const done = await finished(agent, started.headers.location as string);
    expect(done.headers.location).toBe('/agent/draws/1?done=draw_replaced&n=1');
    expect(t.app.store.draws.rounds(1)).toHaveLength(1);
    expect(lastAudit()).toMatchObject({ action: 'draw_replaced', actorId: agent.personId, channel: 'web', detail: { draw_id: 1, round: 1, invited: 1 } });
    const page = await agent.get(done.headers.location as string);
    expect(page.body).toContain('Remplaçants tirés : 1 personne invitée.');
    expect(page.body).toContain('du remplacement n° 1');
  });

  test('quotas no panel meets: the computation says why, in words', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/draws/new');
    const impossible = DRAW_QUOTAS.replace('65_79: { min: 1, max: 5 }', '65_79: { min: 4, max: 5 }');
    const started = await agent.post('/agent/draws', { quotas: impossible, file: '' });
    const page = await finished(agent, started.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aucun panel ne respecte ces quotas');
    expect(page.body).toContain('Quotas impossibles à eux seuls : Âge');
    expect(page.body).toContain('Âge 65 à 79 ans : minimum 4 → 3');
    expect(t.app.store.draws.list()).toEqual([]);
  });

  test('only agents: a mediator is refused', async () => {
    const mediator = await t.signedIn('mona', ['mediator']);
    expect((await mediator.get('/agent/draws')).statusCode).toBe(403);
    expect((await mediator.post('/agent/draws', { quotas: DRAW_QUOTAS, file: '' })).statusCode).toBe(403);
  });
});

describe('the public pages', () => {
  test('no draw yet, then a prepared one: its commitment and source, not drawn yet', async () => {
    expect((await t.visitor().get('/draws')).body).toContain('Aucun tirage pour l&#39;instant.');
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    t.clock.advance(11_000);
    const list = await t.visitor().get('/draws');
    expect(list.body).toContain('<a href="/draws/1">Groupe de travail</a>');
    expect(list.body).toContain('5 places parmi 14 personnes');
    const page = await t.visitor().get('/draws/1');
    expect(page.body).toContain(t.app.store.draws.find(1)?.commitment);
    expect(page.body).toContain('Les numéros du Loto du samedi 5 décembre 2026');
    expect(page.body).toContain('Le tirage n&#39;a pas encore eu lieu.');
    expect((await t.visitor().get('/draws/2')).statusCode).toBe(404);
    expect((await t.visitor().get('/draws/abc')).statusCode).toBe(404);
  });

  test('a drawn one: the seed, the people by pseudonym with their categories and answers, replacements; no name, no contact, no count under five', async () => {
    const people = addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    await run(agent, 1, '12 25 31 40 47');
    await t.dispatcher.dispatchDue();
    const [seat] = t.app.store.draws.seats(1);
    await t.say(t.app.store.contacts.forPerson(seat?.personId ?? -1)[0]?.address ?? '', '1');
    t.clock.advance(11_000);
    const page = await t.visitor().get('/draws/1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<code>12 25 31 40 47</code>');
    expect(page.body).toMatch(/qui désigne le panel \d+ parmi les \d+ de la distribution/);
    for (const s of t.app.store.draws.seats(1)) expect(page.body).toContain(`<code>${s.pseudonym}</code>`);
    expect(page.body).toContain('Les personnes tirées au sort (5), par pseudonyme');
    expect(page.body).toContain('<th scope="col">Âge</th>');
    expect(page.body).toContain('accepté');
    expect(page.body).toContain('réponse attendue');
    expect(page.body).toContain('cette liste fait partie du registre public');
    expect(page.body).toContain('Aucun remplacement pour l&#39;instant.');
    // The pool by category: 7 women and 7 men are shown, the two ages of 16–24 … held back.
    expect(page.body).toMatch(/<th scope="row">Une femme<\/th><td>de 2 à 3 places<\/td><td class="number">7<\/td><td>oui<\/td>/);
    expect(page.body).toMatch(/<th scope="row">16 à 24 ans<\/th><td>de 1 à 5 places<\/td><td class="number">non publié<\/td>/);
    for (const [name, address] of people) {
      expect(page.body).not.toContain(`>${name}<`);
      expect(page.body).not.toContain(address);
    }
    expect(page.body).toContain('npx parlons draw verify draw-1.json');
  });

  test('the public record downloads as a file that verifies from itself alone, without names', async () => {
    const people = addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    await run(agent, 1, '12 25 31 40 47');
    const file = await t.visitor().get('/draws/1/record.json');
    expect(file.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(file.headers['content-disposition']).toBe('attachment; filename="draw-1.json"');
    const verification = verifyRecord(await loadSolver(), JSON.parse(file.body));
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    for (const [name] of people) expect(file.body).not.toContain(`"${name}"`);
    expect((await t.visitor().get('/draws/9/record.json')).statusCode).toBe(404);
  });

  test('in English too', async () => {
    addDrawPool(t.app);
    const agent = await t.signedIn('agathe', ['agent']);
    await prepared(agent);
    await run(agent, 1, '12 25 31 40 47');
    t.clock.advance(11_000);
    const page = await t.visitor().get('/draws/1', { 'accept-language': 'en' });
    expect(page.body).toContain('<h1>Working group</h1>');
    expect(page.body).toContain('The people drawn (5), by pseudonym');
    expect(page.body).toContain('5 seats among 14 people');
  });
});
