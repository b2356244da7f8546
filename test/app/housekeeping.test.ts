import path from 'node:path';
import { runHousekeeping } from '../../src/app/housekeeping';
import { literal } from '../../src/domain/text';
import { FakeClock } from '../support/fake-clock';
import { startTestApp, tempDir } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;

test('old processed ids and finished messages are forgotten, recent and pending ones kept', async () => {
  const dir = tempDir();
  const clock = new FakeClock('2026-01-01T10:00:00.000Z');
  const bot = startTestApp(path.join(dir.dir, 'parlons.db'), {}, clock);
  try {
    await bot.say('camille', 'bonjour', { id: 'old' });
    const contact = bot.app.store.contacts.find('console', 'camille')!;
    const pending = bot.app.store.outbox.enqueue(
      { contactId: contact.id, channel: 'console', kind: 'bulk', message: { parts: [literal('later')] }, notBefore: new Date(clock.now().getTime() + 200 * DAY) },
      clock.now(),
    );
    clock.advance(100 * DAY);
    await bot.say('camille', 'menu', { id: 'recent' });
    expect(runHousekeeping(bot.app.store, clock.now())).toEqual({ inboundIds: 1, messages: 1 });
    // The old id may be processed again (a channel never redelivers after 100 days); the recent one may not.
    expect(bot.app.store.conversations.markProcessed('console', 'old', clock.now())).toBe(true);
    expect(bot.app.store.conversations.markProcessed('console', 'recent', clock.now())).toBe(false);
    const left = bot.app.store.outbox.forContact(contact.id);
    expect(left.map((m) => m.id)).toContain(pending);
    expect(left.filter((m) => m.status === 'sent')).toHaveLength(1);
  } finally {
    bot.close();
    dir.cleanup();
  }
});
