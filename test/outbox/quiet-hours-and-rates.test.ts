import path from 'node:path';
import { literal } from '../../src/domain/text';
import { FakeClock } from '../support/fake-clock';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

let dir: { dir: string; cleanup: () => void };
let bot: TestApp;

function enqueue(contactId: number, body: string, kind: 'reply' | 'bulk') {
  return bot.app.store.outbox.enqueue({ contactId, channel: 'console', kind, message: { parts: [literal(body)] }, notBefore: bot.clock.now() }, bot.clock.now());
}

function contact(address: string): number {
  return bot.app.store.contacts.create(bot.app.store.people.create('fr', bot.clock.now()), 'console', address, bot.clock.now()).id;
}

afterEach(() => {
  bot.close();
  dir.cleanup();
});

describe('quiet hours', () => {
  beforeEach(() => {
    dir = tempDir();
    // 22:00 in Paris (winter): quiet.
    bot = startTestApp(path.join(dir.dir, 'parlons.db'), {}, new FakeClock('2026-01-15T21:00:00.000Z'));
  });

  test('bulk waits until morning; replies go at once, even past a held notice to the same person', async () => {
    const camille = contact('camille');
    enqueue(camille, 'Notice', 'bulk');
    enqueue(camille, 'Reply', 'reply');
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take()).toEqual(['Reply']);
    bot.clock.advance(9 * 60 * 60_000); // 07:00 in Paris
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take()).toEqual([]);
    bot.clock.advance(60 * 60_000); // 08:00
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take()).toEqual(['Notice']);
  });

  test('"off" sends bulk at any hour', async () => {
    bot.close();
    bot = startTestApp(path.join(dir.dir, 'other.db'), { PARLONS_QUIET_HOURS: 'off' }, new FakeClock('2026-01-15T23:00:00.000Z'));
    enqueue(contact('camille'), 'Notice', 'bulk');
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.console.take()).toEqual(['Notice']);
  });
});

describe('rates', () => {
  test('a Telegram broadcast is paced to the configured rate', async () => {
    dir = tempDir();
    bot = startTestApp(path.join(dir.dir, 'parlons.db'), { TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_RATE_LIMIT: '10', PARLONS_QUIET_HOURS: 'off' });
    const start = bot.clock.now().getTime();
    for (let i = 0; i < 50; i++) {
      const id = bot.app.store.contacts.create(bot.app.store.people.create('fr', bot.clock.now()), 'telegram', String(1000 + i), bot.clock.now()).id;
      bot.app.store.outbox.enqueue({ contactId: id, channel: 'telegram', kind: 'bulk', message: { parts: [literal('Notice')] }, notBefore: bot.clock.now() }, bot.clock.now());
    }
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.telegram.sent).toHaveLength(50);
    // A burst of 10, then 40 more at 10 per second (seconds of 1,001 ms: see the sliding window's WINDOW_MS).
    expect(bot.clock.now().getTime() - start).toBe(4_004);
  });
});
