import { addSession } from '../../src/sessions/manage-sessions';
import { openIdeaCall } from '../../src/ideas/moderate-ideas';
import { TOMORROW_SESSION } from '../support/session-fixture';
import { eachWebTest } from '../support/web-client';
import { addVolunteer, exampleBallot, openExampleConsultation } from '../support/web-fixtures';
import { countRows } from '../unit/store/temp-store';

const t = eachWebTest();

/** The audit's last entry: what, by whom, from where. */
function lastAudit(): { action: string; actorId: number | null; channel: string; detail: unknown } {
  const [event] = t.app.store.audit.list({ limit: 1 });
  if (!event) throw new Error('nothing in the audit');
  return { action: event.action, actorId: event.actorId, channel: event.channel, detail: event.detail };
}

describe('dashboard', () => {
  test('counts people and volunteers by category beside the city, today\'s messages, failures and why, and what waits', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    addVolunteer(t.app, 'camille');
    t.channels.console.failNext({ status: 'failed', reason: 'blocked_by_user', unreachable: true });
    await t.say('rosa', 'bonjour');
    t.app.store.outbox.enqueue({ contactId: t.app.store.contacts.find('console', 'camille')?.id ?? null, channel: 'console', kind: 'bulk', message: { parts: [{ literal: 'plus tard' }] }, notBefore: new Date(t.clock.now().getTime() + 3_600_000) }, t.clock.now());
    // The dashboard's figures are read every few seconds at most.
    t.clock.advance(6_000);
    const page = await agent.get('/agent');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<strong>3<\/strong> personnes connues du bot/);
    expect(page.body).toMatch(/<strong>1<\/strong> volontaire</);
    // Received: agathe's bonjour and WEB, rosa's bonjour; sent: agathe's link and rosa's welcome failed (blocked).
    expect(page.body).toContain('<th scope="row">console</th><td class="number">3</td><td class="number">2</td><td class="number">1</td>');
    expect(page.body).toContain('blocked_by_user');
    expect(page.body).toContain('rappels et annonces');
    expect(page.body).toContain('Volontaires par quartier (1 en tout)');
  });
});

describe('sessions', () => {
  test('created from the form: every problem beside its field, then the session with its reminders, in the audit from "web"', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/sessions/new');
    const refused = await agent.post('/agent/sessions', { title_fr: '', title_en: 'Session 3', start: '2026-12-12T10:00', end: '2026-12-12T09:00', place: '', reminders: 'soon' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('4 points à corriger');
    expect(refused.body).toMatch(/<p class="problem" id="f-title_fr-problem">Écrivez le titre en Français\.<\/p>/);
    expect(refused.body).toContain('id="f-end-problem">La fin doit venir après le début.');
    expect(refused.body).toContain('id="f-place-problem">Indiquez le lieu.');
    expect(refused.body).toContain('id="f-reminders-problem">Rappels illisibles');
    expect(refused.body).toContain('value="Session 3"');
    expect(countRows(t.app.store.db, 'assembly_session')).toBe(0);

    const created = await agent.post('/agent/sessions', { title_fr: 'Séance 3', title_en: 'Session 3', start: '2026-12-12T10:00', end: '2026-12-12T12:00', place: 'Maison de quartier', reminders: '1d' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/agent/sessions/1?done=session_added&n=1');
    expect(t.app.store.sessions.find(1)).toMatchObject({ title: { fr: 'Séance 3', en: 'Session 3' }, startsAt: '2026-12-12T09:00:00.000Z', place: 'Maison de quartier', reminderOffsets: [1440] });
    expect(t.app.store.sessions.remindersOf(1)).toHaveLength(1);
    expect(lastAudit()).toEqual({ action: 'session_added', actorId: agent.personId, channel: 'web', detail: { session_id: 1 } });
    const shown = await agent.get(created.headers.location as string);
    expect(shown.body).toContain('Séance n° 1 créée');
  });

  test('edited and cancelled; those who said yes are told, and the answers show on the page', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const id = addSession(t.app.store, TOMORROW_SESSION, [], t.clock.now());
    const yes = addVolunteer(t.app, 'camille');
    t.app.store.sessions.answer(id, yes, 'yes', t.clock.now());
    const page = await agent.get(`/agent/sessions/${id}`);
    expect(page.body).toContain('oui 1 · non 0 · peut-être 0');
    expect(page.body).toContain(`<a href="/agent/people/${yes}">camille</a>`);
    await agent.get(`/agent/sessions/${id}/edit`);
    expect((await agent.post(`/agent/sessions/${id}`, { title_fr: 'Séance 2 bis', place: 'Mairie', start: '2026-11-23T14:00', end: '2026-11-23T16:00', reminders: '' })).statusCode).toBe(303);
    expect(t.app.store.sessions.find(id)).toMatchObject({ title: { fr: 'Séance 2 bis' }, place: 'Mairie', startsAt: '2026-11-23T13:00:00.000Z' });
    const confirm = await agent.get(`/agent/sessions/${id}/cancel`);
    expect(confirm.body).toContain('1 personne qui a dit oui ou peut-être sera prévenue');
    const cancelled = await agent.post(`/agent/sessions/${id}/cancel`, {});
    expect(cancelled.headers.location).toBe(`/agent/sessions/${id}?done=session_cancelled&n=1`);
    expect(t.app.store.sessions.find(id)?.status).toBe('cancelled');
    expect(lastAudit()).toEqual({ action: 'session_cancelled', actorId: agent.personId, channel: 'web', detail: { session_id: id, told: 1, via_mediators: 0 } });
    // A cancelled session is not edited.
    expect((await agent.get(`/agent/sessions/${id}/edit`)).headers.location).toContain('done=session_is_cancelled');
  });
});

describe('consultations', () => {
  const question = (i: number, fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`questions.${i}.${k}`, v]));
  const valid = {
    title_fr: 'Le parc',
    title_en: 'The park',
    opens: '2026-11-25T09:00',
    closes: '2026-12-05T18:00',
    audience: 'registered',
    question_count: '2',
    ...question(0, { type: 'yes_no', text_fr: 'Des bancs ?', text_en: 'Benches?' }),
    ...question(1, { type: 'majority_judgment', text_fr: 'Ces idées ?', text_en: 'These ideas?', options: 'Des arbres | Trees\nUn kiosque | A bandstand' }),
  };

  test('the form checks like a file does, every problem beside its field, and keeps what was typed', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/consultations/new');
    const refused = await agent.post('/agent/consultations', {
      ...valid,
      title_en: '',
      ...question(1, { type: 'one_choice', text_fr: 'Un choix ?', text_en: '', options: 'Seul' }),
      action: 'create',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="f-title_en-problem">Ce champ est à remplir.');
    expect(refused.body).toContain('id="f-questions-1-text_en-problem">Ce champ est à remplir.');
    expect(refused.body).toContain('id="f-questions-1-options-problem">Donnez au moins deux choix');
    expect(refused.body).toContain('value="Un choix ?"');
    // Times are checked as in a file, with the file's words.
    const late = await agent.post('/agent/consultations', { ...valid, closes: '2026-11-20T18:00', action: 'create' });
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('id="f-closes-problem">');
    expect(countRows(t.app.store.db, 'consultation')).toBe(0);
  });

  test('questions are added and removed without script, then it is created, opened, followed and closed', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/consultations/new');
    const added = await agent.post('/agent/consultations', { ...valid, action: 'add_question' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('Question 3');
    const removed = await agent.post('/agent/consultations', { ...valid, question_count: '3', action: 'remove_question:2' });
    expect(removed.body).not.toContain('Question 3');
    const created = await agent.post('/agent/consultations', { ...valid, action: 'create' });
    expect(created.statusCode).toBe(303);
    const consultation = t.app.store.consultations.find(1);
    expect(consultation?.questions.map((q) => q.type)).toEqual(['yes_no', 'majority_judgment']);
    expect(consultation?.questions[1]).toMatchObject({ proposals: [{ id: 'des_arbres', label: { fr: 'Des arbres', en: 'Trees' } }, { id: 'un_kiosque', label: { fr: 'Un kiosque', en: 'A bandstand' } }] });
    expect(lastAudit()).toMatchObject({ action: 'consultation_created', channel: 'web', detail: { consultation_id: 1 } });

    addVolunteer(t.app, 'camille');
    const scheduled = await agent.get('/agent/consultations/1');
    expect(scheduled.body).toContain('par la messagerie : 1 ; par le médiateur : 0');
    const opened = await agent.post('/agent/consultations/1/open', {});
    expect(opened.headers.location).toBe('/agent/consultations/1?done=consultation_opened&n=1');
    expect(t.app.store.consultations.find(1)?.status).toBe('open');
    t.app.store.consultations.cast(1, t.app.store.contacts.find('console', 'camille')?.personId ?? 0, { q1: { choice: 'yes' }, q2: { grades: { des_arbres: 0, un_kiosque: 3 } } }, t.clock.now());
    const live = await agent.get('/agent/consultations/1');
    expect(live.body).toContain('Réponses : 1 · personnes invitées : 1');
    expect(live.body).not.toContain('Trees');
    expect(lastAudit()).toMatchObject({ action: 'participation_viewed', channel: 'web' });
    // Opening twice (another agent was quicker) changes nothing.
    expect((await agent.post('/agent/consultations/1/open', {})).headers.location).toContain('done=consultation_is_open');
    expect((await agent.get('/agent/consultations/1/close')).body).toContain('1 personne a répondu');
    expect((await agent.post('/agent/consultations/1/close', {})).statusCode).toBe(303);
    expect(t.app.store.consultations.find(1)?.status).toBe('closed');
    const results = await agent.get('/agent/consultations/1');
    expect(results.body).toContain('<figure class="chart">');
  });

  test('agents see the comments of a closed consultation, as the CLI shows them', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const voter = addVolunteer(t.app, 'camille');
    const id = openExampleConsultation(t.app);
    t.app.store.consultations.cast(id, voter, exampleBallot(1), t.clock.now());
    await agent.get(`/agent/consultations/${id}/close`);
    await agent.post(`/agent/consultations/${id}/close`, {});
    expect((await agent.get(`/agent/consultations/${id}`)).body).toContain('Appelez Zoé');
  });
});

describe('ideas', () => {
  function ideas(): { call: number; author: number; ids: number[] } {
    const now = t.clock.now();
    const call = openIdeaCall(t.app.store, { theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString() }, now) as number;
    const author = addVolunteer(t.app, 'ines');
    const ids = ['Des bancs au parc', 'Plus de bancs', 'Une fête de quartier'].map((title) => t.app.store.ideas.submit({ callId: call, authorId: author, title, body: `${title}, pour tous.`, neighbourhood: null }, now));
    return { call, author, ids };
  }

  test('published, rejected with a reason sent to the author, merged; each in the audit', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const { ids } = ideas();
    const [first = 0, second = 0, third = 0] = ids;
    expect((await agent.get('/agent/ideas')).body).toContain('Des bancs au parc');
    await agent.get(`/agent/ideas/${first}`);
    expect((await agent.post(`/agent/ideas/${first}/approve`, {})).headers.location).toBe(`/agent/ideas/${first}?done=idea_published&n=${first}`);
    expect(t.channels.console.take('ines')).toEqual([]);
    await t.dispatcher.dispatchDue();
    expect(t.channels.console.take('ines').join('\n')).toContain('Des bancs au parc');
    const noReason = await agent.post(`/agent/ideas/${third}/reject`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Écrivez la raison du refus');
    await agent.post(`/agent/ideas/${third}/reject`, { reason: 'Hors sujet pour cette année.' });
    expect(t.app.store.ideas.find(third)).toMatchObject({ status: 'rejected', reason: 'Hors sujet pour cette année.' });
    await agent.post(`/agent/ideas/${second}/merge`, { into: String(first) });
    expect(t.app.store.ideas.find(second)).toMatchObject({ status: 'merged', mergedInto: first });
    expect(t.app.store.audit.list({ actorId: agent.personId }).slice(-3).map((e) => [e.action, e.channel, e.detail])).toEqual([
      ['idea_approved', 'web', { idea_id: first }],
      ['idea_rejected', 'web', { idea_id: third }],
      ['idea_merged', 'web', { idea_id: second, into: first }],
    ]);
    // An idea decided meanwhile is left as it is.
    expect((await agent.post(`/agent/ideas/${third}/approve`, {})).headers.location).toContain('done=idea_not_pending');
  });

  test('calls for ideas are opened and closed, with the CLI\'s rules', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.get('/agent/ideas');
    const refused = await agent.post('/agent/ideas/calls', { from: '2026-12-10T10:00', until: '2026-12-01T10:00' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="f-until-problem">La fin doit venir après le début.');
    expect((await agent.post('/agent/ideas/calls', { until: '2026-12-01T10:00', theme_fr: 'Le parc' })).headers.location).toBe('/agent/ideas?done=idea_call_opened&n=1');
    expect(t.app.store.ideas.openCall(t.clock.now())).toMatchObject({ theme: { fr: 'Le parc' } });
    expect((await agent.post('/agent/ideas/calls', { until: '2026-12-02T10:00' })).headers.location).toBe('/agent/ideas?done=idea_call_overlaps&n=1');
    expect((await agent.post('/agent/ideas/calls/close', {})).headers.location).toBe('/agent/ideas?done=idea_call_closed&n=1');
    expect(t.app.store.ideas.openCall(t.clock.now())).toBeNull();
  });
});

describe('notices', () => {
  test('written per language, shown with who receives them on which channel and their SMS cost, confirmed, then followed', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    addVolunteer(t.app, 'camille', { neighbourhood: 'beaulieu' });
    addVolunteer(t.app, 'paul', { neighbourhood: 'trois_cites' });
    await agent.get('/agent/notices');
    const refused = await agent.post('/agent/notices/preview', { audience: 'neighbourhood:nowhere', text_fr: 'court', text_en: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="f-audience-problem"');
    expect(refused.body).toContain('L&#39;annonce fait 5 caractères');
    const preview = await agent.post('/agent/notices/preview', { audience: 'neighbourhood:beaulieu', text_fr: 'La séance de samedi est déplacée à la mairie.', text_en: 'Saturday’s session moves to the town hall.' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Les volontaires du quartier Beaulieu : 1 personne la recevra');
    expect(preview.body).toContain('<th scope="row">console</th><td class="number">1</td>');
    expect(preview.body).toContain('SMS par personne');
    expect(countRows(t.app.store.db, 'broadcast')).toBe(0);
    const once = /name="once" value="([0-9a-f]{32})"/.exec(preview.body)?.[1] ?? '';
    const fields = { audience: 'neighbourhood:beaulieu', text_fr: 'La séance de samedi est déplacée à la mairie.', text_en: 'Saturday’s session moves to the town hall.', at: '', once };
    const sent = await agent.post('/agent/notices', fields);
    expect(sent.headers.location).toBe('/agent/notices/1?done=notice_queued&n=1');
    // The same confirmation again (a double click) sends nothing more.
    expect((await agent.post('/agent/notices', fields)).headers.location).toBe('/agent/notices/1?done=notice_queued&n=1');
    expect(countRows(t.app.store.db, 'broadcast')).toBe(1);
    expect(lastAudit()).toEqual({ action: 'broadcast_sent', actorId: agent.personId, channel: 'web', detail: { broadcast_id: 1, recipients: 1 } });
    await t.dispatcher.dispatchDue();
    expect(t.channels.console.take('camille')).toEqual(['La séance de samedi est déplacée à la mairie.']);
    expect(t.channels.console.take('paul')).toEqual([]);
    const status = await agent.get('/agent/notices/1');
    expect(status.body).toContain('Les volontaires du quartier Beaulieu');
    expect(status.body).toMatch(/<th scope="row">console<\/th><td>envoyé<\/td><td class="number">1<\/td>/);
  });
});

describe('people', () => {
  test('found by name (part of it, any accents), number or contact, by POST so that nothing personal is in an address', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const eloise = addVolunteer(t.app, 'eloise', { firstName: 'Éloïse' });
    await agent.get('/agent/people');
    for (const query of ['elo', 'ÉLOÏSE', String(eloise), `n° ${eloise}`, 'console:eloise']) {
      const found = await agent.post('/agent/people/search', { query });
      expect({ query, found: found.body.includes(`href="/agent/people/${eloise}">Éloïse</a>`) }).toEqual({ query, found: true });
    }
    expect((await agent.post('/agent/people/search', { query: 'zzz' })).body).toContain('Personne ne correspond.');
  });

  test('a person\'s page says what was sent to them and its status; their data exports as JSON, in the audit', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await t.say('rosa', 'bonjour');
    const rosa = t.app.store.contacts.find('console', 'rosa')?.personId ?? 0;
    const page = await agent.get(`/agent/people/${rosa}`);
    expect(page.body).toContain('Ce qui lui a été envoyé');
    expect(page.body).toContain('envoyé');
    expect(page.body).toContain('Bonjour');
    const exported = await agent.post(`/agent/people/${rosa}/export`, {});
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="person-${rosa}.json"`);
    expect(JSON.parse(exported.body)).toMatchObject({ person: { id: rosa } });
    expect(lastAudit()).toEqual({ action: 'person_exported', actorId: agent.personId, channel: 'web', detail: {} });
  });

  test('erased after confirmation: gone, with only the record that someone was erased', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const camille = addVolunteer(t.app, 'camille');
    expect((await agent.get(`/agent/people/${camille}/erase`)).body).toContain('C&#39;est définitif.');
    expect(t.app.store.people.find(camille)).not.toBeNull();
    const erased = await agent.post(`/agent/people/${camille}/erase`, {});
    expect(erased.headers.location).toBe('/agent/people?done=person_erased');
    expect(t.app.store.people.find(camille)).toBeNull();
    expect(lastAudit()).toEqual({ action: 'person_erased', actorId: agent.personId, channel: 'web', detail: {} });
    expect((await agent.get(`/agent/people/${camille}`)).statusCode).toBe(404);
  });

  test('roles granted (a mediator with their organisation) and taken back, mediators assigned and unassigned, through the CLI\'s functions', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const marc = addVolunteer(t.app, 'marc');
    const rosa = addVolunteer(t.app, 'rosa');
    await agent.get(`/agent/people/${marc}`);
    const noOrganisation = await agent.post(`/agent/people/${marc}/roles`, { role: 'mediator', organisation: '' });
    expect(noOrganisation.statusCode).toBe(422);
    expect(noOrganisation.body).toContain('Un médiateur agit pour une structure');
    await agent.post(`/agent/people/${marc}/roles`, { role: 'mediator', organisation: 'Centre social des Trois-Cités' });
    expect(t.app.store.people.organisationOf(marc, 'mediator')).toBe('Centre social des Trois-Cités');
    await agent.get(`/agent/people/${rosa}`);
    expect((await agent.post(`/agent/people/${rosa}/mediators`, { mediator: String(marc) })).headers.location).toBe(`/agent/people/${rosa}?done=mediator_assigned&n=${marc}`);
    expect(t.app.store.mediation.supports(marc, rosa)).toBe(true);
    expect((await agent.post(`/agent/people/${rosa}/mediators`, { mediator: String(rosa) })).headers.location).toContain('done=mediator_not_mediator');
    await agent.post(`/agent/people/${rosa}/mediators/unassign`, { mediator: String(marc) });
    expect(t.app.store.mediation.supports(marc, rosa)).toBe(false);
    await agent.post(`/agent/people/${marc}/roles/revoke`, { role: 'mediator' });
    expect(t.app.store.people.find(marc)?.roles).not.toContain('mediator');
    expect(t.app.store.audit.list({ actorId: agent.personId }).slice(-4).map((e) => [e.action, e.channel, e.subjectId])).toEqual([
      ['role_granted', 'web', marc],
      ['mediator_assigned', 'web', rosa],
      ['mediator_unassigned', 'web', rosa],
      ['role_revoked', 'web', marc],
    ]);
  });
});

describe('audit', () => {
  test('lists what staff did, from where, filtered by person, actor and action', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    const rosa = addVolunteer(t.app, 'rosa');
    await agent.get(`/agent/people/${rosa}`);
    await agent.post(`/agent/people/${rosa}/export`, {});
    const all = await agent.get('/agent/audit');
    expect(all.body).toContain('connexion au site');
    expect(all.body).toContain('<td>web</td>');
    const filtered = await agent.get(`/agent/audit?person=${rosa}&action=person_exported`);
    expect(filtered.body).toContain('1 action, la plus récente d&#39;abord');
    expect(filtered.body).not.toContain('connexion au site</td>');
    expect((await agent.get('/agent/audit?action=role_granted&actor=999')).body).toContain('Aucune action ne correspond.');
  });
});

describe('mediators\' own pages', () => {
  test('list the people they support with their answers, and what was sent to each; nothing about anyone else', async () => {
    const mediator = await t.signedIn('marc', ['mediator']);
    const rosa = addVolunteer(t.app, 'rosa');
    t.app.store.mediation.addSupport(mediator.personId, rosa, 'assigned', t.clock.now());
    const session = addSession(t.app.store, TOMORROW_SESSION, [], t.clock.now());
    t.app.store.sessions.answer(session, rosa, 'maybe', t.clock.now());
    const page = await mediator.get('/mediator');
    expect(page.body).toContain(`href="/mediator/people/${rosa}">rosa</a>`);
    expect(page.body).toContain('peut-être');
    expect((await mediator.get(`/mediator/people/${rosa}`)).statusCode).toBe(200);
  });
});
