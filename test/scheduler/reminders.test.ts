import path from 'node:path';
import { addSession, cancelSession, editSession } from '../../src/sessions/manage-sessions';
import { FakeClock } from '../support/fake-clock';
import { TOMORROW_SESSION as SESSION } from '../support/session-fixture';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

const HOUR = 60 * 60_000;
let dir: { dir: string; cleanup: () => void };
let bot: TestApp;

function start(env: Record<string, string> = {}) {
  dir = tempDir();
  bot = startTestApp(path.join(dir.dir, 'parlons.db'), env, new FakeClock('2026-11-22T08:00:00.000Z'));
}

afterEach(() => {
  bot.close();
  dir.cleanup();
});

async function register(name: string, answers: { neighbourhood?: string; reminders?: string } = {}) {
  for (const message of ['bonjour', '1', '1', '1', name, answers.neighbourhood ?? '13', '2', 'femme', '1', answers.reminders ?? '1', 'oui']) await bot.say(name, message);
}

async function tick(): Promise<void> {
  bot.app.runScheduler(bot.clock.now());
  await bot.dispatcher.dispatchDue();
}

function rsvps() {
  return bot.app.store.sessions.rsvps(1).map((r) => `${r.firstName}:${r.answer}`);
}

describe('session reminders', () => {
  test('the 1-day reminder comes when due, "oui" is recorded, and the person resumes where they were', async () => {
    start();
    await register('camille');
    addSession(bot.app.store, SESSION, [7 * 1440, 1440, 120], bot.clock.now());
    await tick();
    expect(bot.channels.console.take('camille')).toEqual([]);
    bot.clock.advance(HOUR); // 10:00 in Paris, a day before
    await tick();
    const reminder = bot.channels.console.take('camille').join('\n');
    expect(reminder).toContain('Rappel : Séance 2, lundi 23 novembre à 10:00, Salle des fêtes.');
    expect(reminder).toContain('1. Oui, je viens');
    const answer = (await bot.say('camille', 'oui')).join('\n');
    expect(answer).toContain('vous venez');
    expect(answer).toContain('Que voulez-vous faire ?');
    expect(rsvps()).toEqual(['camille:yes']);
    expect(bot.app.store.sessions.remindersOf(1).map((r) => [r.offsetMinutes, r.status, r.recipients])).toEqual([
      [10080, 'skipped', null],
      [1440, 'fired', 1],
      [120, 'pending', null],
    ]);
  });

  test('a reminder interrupts a registration, which resumes after the answer', async () => {
    start();
    addSession(bot.app.store, SESSION, [1440], bot.clock.now());
    await register('camille');
    for (const message of ['profil', '1', '2']) await bot.say('camille', message); // changing the neighbourhood
    bot.clock.advance(HOUR);
    await tick();
    expect(bot.channels.console.take('camille').join('\n')).toContain('Viendrez-vous ?');
    const after = (await bot.say('camille', 'peut-être')).join('\n');
    expect(after).toContain('peut-être');
    expect(after).toContain('Dans quel quartier');
  });

  test('who is reminded: not those who said no, nor those who want no reminders', async () => {
    start();
    await register('camille');
    await register('dominique');
    await register('sam', { reminders: '3' });
    addSession(bot.app.store, SESSION, [1440], bot.clock.now());
    for (const message of ['séances', '1', 'non']) await bot.say('dominique', message);
    bot.clock.advance(HOUR);
    await tick();
    expect(bot.channels.console.take('camille')).not.toEqual([]);
    expect(bot.channels.console.take('dominique')).toEqual([]);
    expect(bot.channels.console.take('sam')).toEqual([]);
  });

  test('PARLONS_REMINDER_AUDIENCE=answered reminds only those who said yes or maybe', async () => {
    start({ PARLONS_REMINDER_AUDIENCE: 'answered' });
    await register('camille');
    await register('dominique');
    addSession(bot.app.store, SESSION, [1440], bot.clock.now());
    for (const message of ['séances', '1', 'peut etre']) await bot.say('dominique', message);
    bot.clock.advance(HOUR);
    await tick();
    expect(bot.channels.console.take('camille')).toEqual([]);
    expect(bot.channels.console.take('dominique').join('\n')).toContain('Viendrez-vous ?');
  });

  test('after downtime, only the latest due reminder of a session goes, and not just before the next', async () => {
    start();
    await register('camille');
    addSession(bot.app.store, { ...SESSION, startsAt: '2026-12-05T09:00:00.000Z', endsAt: '2026-12-05T11:00:00.000Z' }, [7 * 1440, 3 * 1440, 1440], bot.clock.now());
    // Nothing ran from now until just before the 1-day reminder: the 7d and 3d ones are overdue.
    bot.clock.advance(12 * 24 * HOUR + HOUR - 30 * 60_000);
    await tick();
    expect(bot.channels.console.take('camille')).toEqual([]);
    expect(bot.app.store.sessions.remindersOf(1).map((r) => r.status)).toEqual(['skipped', 'skipped', 'pending']);
    bot.clock.advance(30 * 60_000);
    await tick();
    expect(bot.channels.console.take('camille').join('\n').match(/Rappel/g)).toHaveLength(1);
  });

  test('reminders wait out the quiet hours', async () => {
    start();
    await register('camille');
    // A session at 09:00, with a reminder 11 hours before: 22:00, in the quiet hours.
    addSession(bot.app.store, { ...SESSION, startsAt: '2026-11-23T08:00:00.000Z', reminderOffsets: [11 * 60] }, [], bot.clock.now());
    bot.clock.advance(13 * HOUR); // 22:00 in Paris
    await tick();
    expect(bot.channels.console.take('camille')).toEqual([]);
    bot.clock.advance(10 * HOUR); // 08:00
    await tick();
    expect(bot.channels.console.take('camille').join('\n')).toContain('Viendrez-vous ?');
  });

  test('moving a session moves its reminders; cancelling cancels them and tells yes and maybe', async () => {
    start();
    await register('camille');
    await register('dominique');
    addSession(bot.app.store, SESSION, [1440], bot.clock.now());
    editSession(bot.app.store, 1, { ...SESSION, startsAt: '2026-11-30T09:00:00.000Z', endsAt: '2026-11-30T11:00:00.000Z' }, [1440], bot.clock.now());
    expect(bot.app.store.sessions.remindersOf(1).map((r) => r.dueAt)).toEqual(['2026-11-29T09:00:00.000Z']);
    for (const message of ['séances', '1', 'oui']) await bot.say('camille', message);
    for (const message of ['séances', '1', 'non']) await bot.say('dominique', message);
    expect(cancelSession(bot.app.store, 1, bot.clock.now())).toEqual({ direct: 1, viaMediators: 0 });
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take('camille').join('\n')).toContain('La séance « Séance 2 » du lundi 30 novembre à 10:00 est annulée.');
    expect(bot.channels.console.take('dominique')).toEqual([]);
    expect(bot.app.store.sessions.remindersOf(1).map((r) => r.status)).toEqual(['cancelled']);
    bot.clock.advance(8 * 24 * HOUR);
    await tick();
    expect(bot.channels.console.take()).toEqual([]);
  });
});
