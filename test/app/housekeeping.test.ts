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
    expect(runHousekeeping(bot.app.store, clock.now())).toEqual({ inboundIds: 1, messages: 1, matrixRooms: 0, digestItems: 0, undecryptable: 0, webAccess: 0 });
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

test("an erased person's Matrix direct chat is forgotten once their goodbye has gone", async () => {
  const dir = tempDir();
  const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
  try {
    const { store } = bot.app;
    await bot.say('@alix:example.org', 'bonjour', { channel: 'matrix' });
    store.matrix.saveDirectRoom('@alix:example.org', '!dm:example.org');
    store.matrix.saveDirectRoom('@sam:example.org', '!other:example.org');
    await bot.say('@sam:example.org', 'bonjour', { channel: 'matrix' });
    // Alix erases everything: the goodbye is queued to the bare address, so the room is still needed.
    await bot.say('@alix:example.org', 'effacer', { channel: 'matrix' });
    store.outbox.enqueue({ contactId: null, channel: 'matrix', address: '@alix:example.org', kind: 'reply', message: { parts: [literal('pending goodbye')] }, notBefore: bot.clock.now() }, bot.clock.now());
    const personId = store.contacts.find('matrix', '@alix:example.org')!.personId;
    store.people.delete(personId);
    expect(store.matrix.forgetErased()).toBe(0);
    await bot.dispatcher.dispatchDue();
    expect(store.matrix.forgetErased()).toBe(1);
    expect(store.matrix.directRoom('@alix:example.org')).toBeNull();
    expect(store.matrix.directRoom('@sam:example.org')).not.toBeNull();
  } finally {
    bot.close();
    dir.cleanup();
  }
});

test("an erased person's end-to-end encrypted chat: its settings and waiting messages go, and its keys are queued for the Matrix channel to forget", async () => {
  const dir = tempDir();
  const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
  try {
    const { store } = bot.app;
    for (const [user, room] of [['@alix:example.org', '!dm:example.org'], ['@sam:example.org', '!other:example.org']] as const) {
      await bot.say(user, 'bonjour', { channel: 'matrix' });
      store.matrix.saveDirectRoom(user, room);
      store.matrixCrypto.saveRoomEncryption(room, { algorithm: 'm.megolm.v1.aes-sha2', rotationPeriodMs: null, rotationPeriodMsgs: null, historyVisibility: null });
      store.matrixCrypto.addWaiting({ eventId: `$${room}`, roomId: room, sender: user, sessionId: 's', event: '{}', receivedAt: bot.clock.now().toISOString() });
    }
    store.people.delete(store.contacts.find('matrix', '@alix:example.org')!.personId);
    expect(store.matrix.forgetErased()).toBe(1);
    expect(store.matrixCrypto.roomsToForget()).toEqual([{ roomId: '!dm:example.org', userId: '@alix:example.org' }]);
    expect(store.matrixCrypto.roomEncryption('!dm:example.org')).toBeNull();
    expect(store.matrixCrypto.roomEncryption('!other:example.org')).not.toBeNull();
    expect(store.matrixCrypto.waiting().map((m) => m.roomId)).toEqual(['!other:example.org']);
    // Sam's waiting message is forgotten after a week.
    bot.clock.advance(8 * DAY);
    expect(runHousekeeping(store, bot.clock.now())).toMatchObject({ undecryptable: 1 });
  } finally {
    bot.close();
    dir.cleanup();
  }
});
