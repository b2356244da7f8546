import { drawStatusView } from '../../src/draws/draw-status';
import { publicRecordOf } from '../../src/draws/draw-record';
import { verifyRecord } from '../../src/draws/record/verify-record';
import { replaceSeats } from '../../src/draws/replace-seats';
import { runDraw } from '../../src/draws/run-draw';
import { loadSolver } from '../../src/draws/selection/highs-solver';
import type { Solver } from '../../src/draws/selection/linear-program';
import type { AgeBracket, VolunteerProfile } from '../../src/domain/profile';
import type { DrawRecord } from '../../src/store/draws-repo';
import { eachTestApp } from '../support/test-app';
import { DRAW_POOL, DRAW_QUOTAS, preparedDraw, typedAnswers } from '../support/draw-fixtures';
import { exportPerson } from '../../src/privacy/export-person';
import { erasePerson } from '../../src/privacy/erase-person';
import { messagesTo } from '../../src/outbox/list-messages';

/**
 * A draw from end to end on a real SQLite file, with the console chat and the real scheduler:
 * volunteers registered in chat, prepare, run, invitations on each person's channel, answers in
 * chat, replacements within the quotas, the scheduler's reminder and end of delay, a person
 * without a phone told through their mediator's digest, MES DONNÉES.
 */
const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });
let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const DAY = 86_400_000;

async function register(name: string, age: AgeBracket, gender: 'woman' | 'man'): Promise<void> {
  const typed = typedAnswers(age, gender);
  for (const message of ['bonjour', '1', '1', '1', name, '13', typed.age, typed.gender, '1', '1', 'oui']) await bot.say(name, message);
}

/** Everyone registered, and the draw prepared and run with a public seed; returns who was drawn. */
async function drawn(seed = '12 25 31 40 47'): Promise<{ draw: DrawRecord; panel: readonly string[] }> {
  for (const [name, age, gender] of DRAW_POOL) await register(name, age, gender);
  const draw = await preparedDraw(bot.app, { seed });
  await bot.dispatcher.dispatchDue();
  return { draw, panel: bot.app.store.draws.seats(draw.id).map((s) => s.pseudonym) };
}

/** The console name of the person behind a pseudonym. */
function nameOf(drawId: number, pseudonym: string): string {
  const personId = bot.app.store.draws.members(drawId).get(pseudonym);
  const contact = bot.app.store.contacts.forPerson(personId ?? -1)[0];
  if (!contact) throw new Error(`no contact for ${pseudonym}`);
  return contact.address;
}

/** A scheduler run, its replacements computed (in a worker thread), then what it queued sent. */
async function tick(): Promise<void> {
  await bot.app.runScheduler(bot.clock.now()).replacing;
  await bot.dispatcher.dispatchDue();
}

function meetsQuotas(draw: DrawRecord, pseudonyms: readonly string[]): boolean {
  const valuesOf = new Map(draw.prepared.pool.map((e) => [e.pseudonym, e.values]));
  return draw.prepared.categories.every((c, i) =>
    c.values.every((q) => {
      const seats = pseudonyms.filter((p) => valuesOf.get(p)?.[i] === q.value).length;
      return seats >= q.min && seats <= q.max;
    }),
  );
}

describe('a draw by chat', () => {
  test('each person drawn is invited on their channel; accepting makes them an assembly member; declining frees the seat, filled within the quotas', async () => {
    const { draw, panel } = await drawn();
    expect(panel).toHaveLength(5);
    expect(meetsQuotas(draw, panel)).toBe(true);
    const names = panel.map((p) => nameOf(draw.id, p));
    for (const name of names) {
      const received = bot.channels.console.take(name).join('\n');
      expect(received).toContain('vous avez été tiré·e au sort pour « Groupe de travail », parmi 14 personnes, pour 5 places');
      expect(received).toContain('Acceptez-vous votre place ? Répondez avant le');
      expect(received).toMatch(/1\. J'accepte\n2\. Je refuse\n3\. Je réfléchis/);
      expect(received).not.toContain('{{');
    }
    // People not drawn hear nothing.
    const others = DRAW_POOL.map(([name]) => name).filter((n) => !names.includes(n));
    for (const name of others) expect(bot.channels.console.take(name)).toEqual([]);

    const [first, second, third, ...rest] = names as [string, string, string, ...string[]];
    const thanks = (await bot.say(first, '1')).join('\n');
    expect(thanks).toContain('Merci ! Vous faites maintenant partie de « Groupe de travail »');
    // The menu shown after the answer no longer offers to answer.
    expect(thanks).toContain('Que voulez-vous faire');
    expect(thanks).not.toContain('Répondre au tirage au sort');
    expect(bot.app.store.people.find(bot.app.store.contacts.find('console', first)?.personId ?? -1)?.roles).toContain('assembly_member');
    expect((await bot.say(second, 'je refuse')).join('\n')).toContain('Votre place sera proposée à une autre personne');
    expect((await bot.say(third, '2')).join('\n')).toContain('Votre place sera proposée');
    // A late second answer from the same person changes nothing: they are back at the menu.
    await bot.say(second, '1');
    expect(bot.app.store.draws.seats(draw.id).filter((s) => s.status === 'declined')).toHaveLength(2);

    const replaced = await replaceSeats({ store: bot.app.store, conversations: bot.app.conversations, solver }, bot.app.store.draws.find(draw.id) as DrawRecord, bot.clock.now());
    if (!replaced.ok || !replaced.round) throw new Error('expected a replacement round');
    expect(replaced.round.panel).toHaveLength(2);
    expect(replaced.round.seed).toBe('12 25 31 40 47/replacement-1');
    const holding = [...panel.filter((_, i) => i !== 1 && i !== 2), ...replaced.round.panel];
    expect(meetsQuotas(draw, holding)).toBe(true);
    await bot.dispatcher.dispatchDue();
    for (const p of replaced.round.panel) expect(bot.channels.console.take(nameOf(draw.id, p)).join('\n')).toContain('tiré·e au sort');
    for (const name of rest) await bot.say(name, 'oui');
    for (const p of replaced.round.panel) await bot.say(nameOf(draw.id, p), "j'accepte");

    const status = drawStatusView(bot.app.store, draw.id);
    expect(status?.counts).toEqual({ invited: 7, waiting: 0, accepted: 5, declined: 2, expired: 0, replacements: 2, rounds: 1 });
    expect(status?.acceptedMeetQuotas).toBe(true);
    const verification = verifyRecord(solver, JSON.parse(JSON.stringify(publicRecordOf(bot.app.store, bot.app.store.draws.find(draw.id) as DrawRecord))));
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
  });

  test('the same seed gives the same panel, a dry run invites nobody, and a draw runs once', async () => {
    for (const [name, age, gender] of DRAW_POOL) await register(name, age, gender);
    const draw = await preparedDraw(bot.app);
    const dry = runDraw(bot.app.store, bot.app.conversations, draw.id, ' 7 14 21 ', bot.clock.now(), true);
    const again = runDraw(bot.app.store, bot.app.conversations, draw.id, '7 14 21', bot.clock.now(), true);
    expect(dry.ok && again.ok && dry.outcome).toEqual(again.ok && again.outcome);
    await bot.dispatcher.dispatchDue();
    expect(bot.app.store.draws.seats(draw.id)).toEqual([]);
    const real = runDraw(bot.app.store, bot.app.conversations, draw.id, '7 14 21', bot.clock.now(), false);
    expect(real.ok && real.outcome).toEqual(dry.ok && dry.outcome);
    expect(runDraw(bot.app.store, bot.app.conversations, draw.id, '7 14 21', bot.clock.now(), false)).toEqual({ ok: false, reason: 'already_drawn' });
  });

  test('one reminder, then the end of the delay frees the seat, tells the person, and the scheduler draws a replacement', async () => {
    const { draw, panel } = await drawn();
    const names = panel.map((p) => nameOf(draw.id, p));
    for (const name of names) bot.channels.console.take(name);
    for (const name of names.slice(1)) await bot.say(name, '1');
    const silent = names[0] as string;
    bot.clock.advance(4 * DAY);
    await tick();
    expect(bot.channels.console.take(silent)).toEqual([]);
    bot.clock.advance(1 * DAY + 60_000);
    await tick();
    const reminder = bot.channels.console.take(silent).join('\n');
    expect(reminder).toContain('Rappel : vous avez été tiré·e au sort pour « Groupe de travail »');
    // Only one reminder.
    bot.clock.advance(DAY);
    await tick();
    expect(bot.channels.console.take(silent)).toEqual([]);
    bot.clock.advance(DAY);
    await tick();
    expect(bot.channels.console.take(silent).join('\n')).toContain('Le délai pour répondre au tirage au sort « Groupe de travail » est passé');
    const seats = bot.app.store.draws.seats(draw.id);
    expect(seats.find((s) => s.pseudonym === panel[0])?.status).toBe('expired');
    const round = bot.app.store.draws.rounds(draw.id)[0];
    expect(round?.panel).toHaveLength(1);
    expect(meetsQuotas(draw, [...panel.slice(1), ...(round?.panel ?? [])])).toBe(true);
    // A late answer is not taken.
    await bot.say(silent, '1');
    expect(bot.app.store.draws.seats(draw.id).find((s) => s.pseudonym === panel[0])?.status).toBe('expired');
  });

  test('an invitation answered before it left is not sent; one written when it leaves shows the language of that moment', async () => {
    const { draw, panel } = await drawn();
    const names = panel.map((p) => nameOf(draw.id, p));
    for (const name of names) bot.channels.console.take(name);
    // The reminder is queued while the quiet hours… simulate: queue reminders, answer before dispatch.
    bot.clock.advance(5 * DAY + 60_000);
    bot.app.runScheduler(bot.clock.now());
    const [first, second] = names as [string, string];
    // The first answers through the menu before their reminder leaves; the second switches to English.
    const seat = bot.app.store.draws.seats(draw.id).find((s) => s.pseudonym === panel[0]);
    bot.app.store.draws.answer(seat?.id ?? -1, 'accepted', bot.clock.now());
    bot.app.store.people.setLanguage(bot.app.store.contacts.find('console', second)?.personId ?? -1, 'en', bot.clock.now());
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take(first)).toEqual([]);
    const expired = bot.app.store.outbox.forContact(bot.app.store.contacts.find('console', first)?.id ?? -1).filter((m) => m.status === 'cancelled');
    expect(expired.map((m) => m.error)).toEqual(['expired_seat_answered']);
    expect(bot.channels.console.take(second).join('\n')).toContain('Reminder: you were drawn by lot for "Working group"');
  });

  test('an invitation says the sessions as they are when it leaves, and is not sent once its delay is past', async () => {
    const { store } = bot.app;
    for (const [name, age, gender] of DRAW_POOL) await register(name, age, gender);
    const input = { title: { fr: 'Séance 1' }, description: null, place: 'Hôtel de Ville', startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T12:00:00.000Z', reminderOffsets: null };
    const session = store.sessions.create(input, bot.clock.now());
    const draw = await preparedDraw(bot.app, { source: `${DRAW_QUOTAS}\nsessions: [${session}]\n` });
    const run = runDraw(store, bot.app.conversations, draw.id, '12 25 31 40 47', bot.clock.now(), false);
    if (!run.ok) throw new Error(run.reason);
    // Queued, not sent yet: the session moves a week later meanwhile.
    store.sessions.update(session, { ...input, startsAt: '2026-12-12T09:00:00.000Z', endsAt: '2026-12-12T12:00:00.000Z' }, bot.clock.now());
    const [first, second] = run.outcome.panel.map((p) => nameOf(draw.id, p)) as [string, string];
    await bot.app.dispatcher([bot.channels.console], { address: first }).dispatchDue();
    const told = bot.channels.console.take(first).join('\n');
    expect(told).toContain('Séances : samedi 12 décembre');
    expect(told).not.toContain('5 décembre');
    // The others' invitations wait (a channel down, say) past their delay: they are not sent.
    bot.clock.advance(7 * DAY + 60_000);
    await bot.app.dispatcher([bot.channels.console], { address: second }).dispatchDue();
    expect(bot.channels.console.take(second)).toEqual([]);
    const personId = store.contacts.find('console', second)?.personId ?? -1;
    const listed = messagesTo(store, bot.app.translator, personId).filter((m) => m.status === 'cancelled');
    expect(listed.map((m) => m.error)).toEqual(['expired_seat_expired', 'expired_seat_expired']);
  });

  test('someone without a phone is told through their mediator’s digest, and the mediator answers for them', async () => {
    const { store } = bot.app;
    const now = () => bot.clock.now();
    const mediator = store.people.create('fr', now());
    store.contacts.create(mediator, 'console', 'mediatrice', now());
    store.people.grantRole(mediator, 'mediator', now(), 'Centre social');
    // Eight women aged 65–79 registered on paper: the quotas need one of that age.
    const profile: VolunteerProfile = { firstName: 'Odette', neighbourhood: 'trois_cites', ageBracket: '65_79', gender: 'woman', equipment: 'none', reminders: 'this_contact' };
    for (let i = 0; i < 8; i++) {
      const id = store.people.create('fr', now());
      store.people.registerVolunteer(id, { ...profile, firstName: `Odette${i}` }, null, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now().toISOString(), method: 'paper', reference: `F-${i}` }, now());
      store.mediation.addSupport(mediator, id, 'registered', now());
    }
    for (const [name, age, gender] of DRAW_POOL.filter(([, age]) => age !== '65_79')) await register(name, age, gender);
    const draw = await preparedDraw(bot.app);
    const run = runDraw(store, bot.app.conversations, draw.id, '99', now(), false);
    if (!run.ok) throw new Error(run.reason);
    expect(run.deliveries.mediator).toBeGreaterThanOrEqual(1);
    // The digest goes at 18:00 (Paris): 17:00 UTC in winter.
    bot.clock.advance(Date.parse('2026-11-22T17:00:30.000Z') - now().getTime());
    await tick();
    const digest = bot.channels.console.take('mediatrice').join('\n');
    expect(digest).toMatch(/Tirage au sort « Groupe de travail » : (Odette\d \(Trois-Cités\) a été tiré·e au sort et peut accepter ou refuser sa place|(Odette\d \(Trois-Cités\)(, | et ))+Odette\d \(Trois-Cités\) ont été tirés au sort et peuvent accepter ou refuser leur place) jusqu'au/);
    // The mediator acts for her: the menu offers the invitation.
    await bot.say('mediatrice', 'RELAIS');
    const seat = store.draws.seats(draw.id).find((s) => s.personId !== null && store.people.find(s.personId)?.profile?.equipment === 'none');
    const odette = store.people.find(seat?.personId ?? -1)?.profile?.firstName ?? '';
    await bot.say('mediatrice', '2');
    const found = (await bot.say('mediatrice', odette)).join('\n');
    const menu = found.includes('Répondre au tirage au sort') ? found : (await bot.say('mediatrice', '1')).join('\n');
    expect(menu).toContain('Répondre au tirage au sort');
    const entry = /(\d+)\. Répondre au tirage au sort/.exec(menu)?.[1] ?? '';
    expect((await bot.say('mediatrice', entry)).join('\n')).toContain('Acceptez-vous votre place');
    expect((await bot.say('mediatrice', '1')).join('\n')).toContain('Vous faites maintenant partie');
    expect(store.draws.seat(seat?.id ?? -1)?.status).toBe('accepted');
  });

  test('MES DONNÉES and the export list the draws a person was in, with their answer and pseudonym', async () => {
    const { draw, panel } = await drawn();
    const name = nameOf(draw.id, panel[0] as string);
    await bot.say(name, '1');
    const mine = (await bot.say(name, 'MES DONNÉES')).join('\n');
    expect(mine).toContain(`Vos tirages au sort :\n- Groupe de travail (`);
    expect(mine).toContain(`accepté. Votre pseudonyme dans le registre public : ${panel[0]}`);
    const personId = bot.app.store.contacts.find('console', name)?.personId ?? -1;
    const exported = exportPerson(bot.app.store, personId);
    expect(exported?.draws).toEqual([expect.objectContaining({ draw_id: draw.id, pseudonym: panel[0], drawn: true, round: 0, answer: 'accepted' })]);
    // Someone in the pool but not drawn: their pseudonym, and that they were not drawn.
    const notDrawn = bot.app.store.draws.members(draw.id);
    const other = [...notDrawn].find(([p]) => !panel.includes(p));
    expect(exportPerson(bot.app.store, other?.[1] ?? -1)?.draws).toEqual([{ draw_id: draw.id, pseudonym: other?.[0], drawn: false, round: null, answer: null, invited_at: null, answered_at: null }]);
    // Erased, the person leaves their pseudonym in the record, linked to nobody.
    erasePerson(bot.app.store, personId, bot.clock.now());
    expect(bot.app.store.draws.members(draw.id).get(panel[0] as string)).toBeNull();
    expect(bot.app.store.draws.find(draw.id)?.prepared.pool.some((e) => e.pseudonym === panel[0])).toBe(true);
  });
});
