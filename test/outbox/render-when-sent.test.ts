import path from 'node:path';
import { sendBroadcast } from '../../src/broadcasts/send-broadcast';
import { addSession, editSession } from '../../src/sessions/manage-sessions';
import { FakeClock } from '../support/fake-clock';
import { TOMORROW_SESSION as SESSION } from '../support/session-fixture';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

/**
 * What residents receive is rendered when it leaves: from the data and the reader's language of
 * that moment. A reminder waiting while its session moves says the new time; one not delivered
 * before its session starts expires, with its reason, and the question it asked is never seen
 * (a number typed then answers the question on the person's screen); a language changed meanwhile
 * is the one read; `outbox` keeps what was actually sent.
 */
const HOUR = 60 * 60_000;
let dir: { dir: string; cleanup: () => void };
let bot: TestApp;

beforeEach(() => {
  dir = tempDir();
  bot = startTestApp(path.join(dir.dir, 'parlons.db'), { PARLONS_QUIET_HOURS: 'off' }, new FakeClock('2026-11-22T08:00:00.000Z'));
});
afterEach(() => {
  bot.close();
  dir.cleanup();
});

async function register(name: string): Promise<void> {
  for (const message of ['bonjour', '1', '1', '1', name, '13', '2', 'femme', '1', '1', 'oui']) await bot.say(name, message);
}

/** Fires what is due, without sending: the messages wait in the outbox (a console not open, a channel down). */
function fireOnly(): void {
  bot.app.runScheduler(bot.clock.now());
}

const contactOf = (name: string) => bot.app.store.contacts.find('console', name)!.id;
const rows = (name: string) => bot.app.store.outbox.forContact(contactOf(name));

test('a reminder waiting while its session moves says the new time, once', async () => {
  await register('camille');
  addSession(bot.app.store, SESSION, [1440], bot.clock.now());
  bot.clock.advance(HOUR);
  fireOnly();
  // Moved from 10:00 to 14:00 before the reminder left.
  editSession(bot.app.store, 1, { ...SESSION, startsAt: '2026-11-23T13:00:00.000Z', endsAt: '2026-11-23T15:00:00.000Z' }, [1440], bot.clock.now());
  await bot.dispatcher.dispatchDue();
  const sent = bot.channels.console.take('camille').join('\n');
  expect(sent).toContain('Rappel : Séance 2, lundi 23 novembre à 14:00, Salle des fêtes.');
  expect(sent).not.toContain('10:00');
});

test('a reminder not delivered before its session starts expires, says why, and its question was never asked', async () => {
  await register('camille');
  addSession(bot.app.store, SESSION, [1440], bot.clock.now());
  bot.clock.advance(HOUR);
  fireOnly();
  bot.clock.advance(24 * HOUR); // the session has begun
  await bot.dispatcher.dispatchDue();
  expect(bot.channels.console.take('camille')).toEqual([]);
  const reminder = rows('camille').find((r) => r.kind === 'bulk')!;
  expect(reminder).toMatchObject({ status: 'cancelled', error: 'expired_session_started', sent: null });
  // "1" answers the menu on the person's screen, not the reminder they never saw.
  const next = (await bot.say('camille', '1')).join('\n');
  expect(next).toContain('Votre profil de volontaire');
  expect(next).not.toMatch(/{{|}}/);
});

test('a person writing before an expired reminder left: it is ended with its reason by their message, and what still may leave waits', async () => {
  await register('camille');
  addSession(bot.app.store, SESSION, [1440], bot.clock.now());
  bot.clock.advance(HOUR);
  fireOnly();
  const personId = bot.app.store.contacts.find('console', 'camille')!.personId;
  sendBroadcast(bot.app.store, { audience: [{ kind: 'person', personId }], texts: { fr: 'La séance est maintenue.' }, sendAt: bot.clock.now() }, bot.clock.now());
  bot.clock.advance(24 * HOUR); // the session has begun; nothing was dispatched
  await bot.app.conversations.handle({ channel: 'console', address: 'camille', externalId: 'late-1', text: '1' });
  const bulk = rows('camille').filter((r) => r.kind === 'bulk');
  expect(bulk.map((r) => [r.status, r.error])).toEqual([
    ['cancelled', 'expired_session_started'],
    ['queued', null],
  ]);
  // "1" answered the menu on the person's screen, not the reminder they never saw.
  await bot.dispatcher.dispatchDue();
  const sent = bot.channels.console.take('camille').join('\n');
  expect(sent).toContain('La séance est maintenue.');
  expect(sent).toContain('Votre profil de volontaire');
});

test('a reminder question left open after its session began is not asked again: the person is told, with no raw placeholder', async () => {
  await register('camille');
  addSession(bot.app.store, SESSION, [1440], bot.clock.now());
  bot.clock.advance(HOUR);
  fireOnly();
  await bot.dispatcher.dispatchDue();
  expect(bot.channels.console.take('camille').join('\n')).toContain('Viendrez-vous ?');
  bot.clock.advance(24 * HOUR);
  bot.app.conversations.open('console', 'camille', null);
  await bot.dispatcher.dispatchDue();
  const back = bot.channels.console.take('camille').join('\n');
  expect(back).toContain('Cette séance a déjà commencé');
  expect(back).toContain('Que voulez-vous faire ?');
  expect(back).not.toMatch(/{{|}}/);
});

test('a language changed before a notice and a reminder leave is the one they are read in; outbox keeps them as sent', async () => {
  await register('camille');
  addSession(bot.app.store, { ...SESSION, title: { fr: 'Séance Alpha', en: 'Session Alpha' } }, [1440], bot.clock.now());
  bot.clock.advance(HOUR);
  fireOnly();
  const personId = bot.app.store.contacts.find('console', 'camille')!.personId;
  sendBroadcast(bot.app.store, { audience: [{ kind: 'person', personId }], texts: { fr: 'La séance est maintenue.', en: 'The session goes ahead.' }, sendAt: bot.clock.now() }, bot.clock.now());
  // Camille switches to English before anything leaves.
  bot.app.store.people.setLanguage(personId, 'en', bot.clock.now());
  await bot.dispatcher.dispatchDue();
  const sent = bot.channels.console.take('camille').join('\n');
  expect(sent).toContain('Reminder: Session Alpha');
  expect(sent).toContain('The session goes ahead.');
  expect(sent).not.toMatch(/Séance Alpha|maintenue/);
  // Back to French: what was sent stays as it was sent.
  bot.app.store.people.setLanguage(personId, 'fr', bot.clock.now());
  const kept = rows('camille').filter((r) => r.kind === 'bulk').map((r) => r.sent?.text ?? '');
  expect(kept.join('\n')).toContain('Reminder: Session Alpha');
  expect(kept.join('\n')).toContain('The session goes ahead.');
});
