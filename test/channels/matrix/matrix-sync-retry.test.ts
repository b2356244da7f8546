import { InboundNotCommitted, type InboundMessage } from '../../../src/channels/channel';
import { MatrixChannel } from '../../../src/channels/matrix/matrix-channel';
import type { MatrixDirectRoom, MatrixStorage } from '../../../src/channels/matrix/matrix-storage';
import { silentLogger } from '../../../src/lib/logger';
import { until } from '../../support/until';
import { FakeHomeserver } from './fake-homeserver';

/**
 * The sync loop when the database cannot take what a sync brings: the sync position is not
 * saved, and the same answer is handled again until it is all done. A new bot's first sync
 * (which skips what came before it) is never fetched again after a failure, so what is written
 * meanwhile is not taken for history.
 */

/** The channel's state in memory; `failing` makes every write throw as a locked database does. */
class MemoryStorage implements MatrixStorage {
  failing = false;
  token: string | null = null;
  private readonly rooms = new Map<string, MatrixDirectRoom>();
  private readonly toLeave = new Set<string>();

  private write(): void {
    if (this.failing) throw new InboundNotCommitted('locked', 20);
  }

  syncToken(): string | null {
    return this.token;
  }
  saveSyncToken(token: string): void {
    this.write();
    this.token = token;
  }
  directRoom(userId: string): MatrixDirectRoom | null {
    return this.rooms.get(userId) ?? null;
  }
  saveDirectRoom(userId: string, roomId: string): void {
    this.write();
    this.rooms.set(userId, { roomId, left: false });
  }
  directRoomUser(roomId: string): string | null {
    return [...this.rooms.entries()].find(([, room]) => room.roomId === roomId && !room.left)?.[0] ?? null;
  }
  markDirectRoomLeft(userId: string): void {
    this.write();
    const room = this.rooms.get(userId);
    if (room) this.rooms.set(userId, { ...room, left: true });
  }
  addRoomToLeave(roomId: string): void {
    this.toLeave.add(roomId);
  }
  isRoomToLeave(roomId: string): boolean {
    return this.toLeave.has(roomId);
  }
  forgetRoomToLeave(roomId: string): void {
    this.toLeave.delete(roomId);
  }
}

let server: FakeHomeserver;
let channel: MatrixChannel | null = null;

beforeEach(async () => {
  server = await FakeHomeserver.start();
});
afterEach(async () => {
  await channel?.stop();
  channel = null;
  await server.close();
});

test("a first sync whose invitation could not be saved is handled again, not fetched again: what comes meanwhile is not lost", async () => {
  const user = '@nadia:fake.test';
  const room = server.createRoom(user, { invite: [server.botUserId], isDirect: true });
  const storage = new MemoryStorage();
  storage.failing = true;
  const received: InboundMessage[] = [];
  let committed = true;
  channel = new MatrixChannel({ homeserverUrl: server.url, accessToken: server.botToken, storage, logger: silentLogger, syncRetryMs: 20, syncTimeoutMs: 100 });
  await channel.start(async (message) => {
    if (!committed) throw new InboundNotCommitted('locked', 20);
    received.push(message);
    return { outcome: 'processed' };
  });
  await until('the bot to join', () => server.membership(room, server.botUserId) === 'join');
  // Written while the bot cannot save anything.
  server.say(room, user, 'bonjour');
  committed = false;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(storage.token).toBeNull();
  storage.failing = false;
  committed = true;
  await until('the message', () => received.some((m) => m.text === 'bonjour'));
  expect(received.filter((m) => m.text === 'bonjour')).toHaveLength(1);
  expect(storage.directRoomUser(room)).toBe(user);
  await until('the position saved', () => storage.token !== null);
});

test('an incremental sync whose message could not be committed is handled again once the database is back', async () => {
  const user = '@omar:fake.test';
  const storage = new MemoryStorage();
  const received: string[] = [];
  let committed = true;
  channel = new MatrixChannel({ homeserverUrl: server.url, accessToken: server.botToken, storage, logger: silentLogger, syncRetryMs: 20, syncTimeoutMs: 100 });
  await channel.start(async (message) => {
    if (!committed) throw new InboundNotCommitted('locked', 20);
    received.push(message.text);
    return { outcome: 'processed' };
  });
  const room = server.createRoom(user, { invite: [server.botUserId], isDirect: true });
  await until('the direct chat to be known', () => storage.directRoomUser(room) === user);
  // The invitation's sync is saved once the direct chat is also in the bot's m.direct (the last
  // step of joining): wait until the position has settled, so that `before` is the final one.
  let last: string | null = null;
  await until('the position to settle', () => {
    const settled = storage.token !== null && storage.token === last && server.accountDataOf(server.botUserId, 'm.direct') !== undefined;
    last = storage.token;
    return settled;
  });
  const before = storage.token;
  committed = false;
  server.say(room, user, 'un');
  server.say(room, user, 'deux');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(received).toEqual([]);
  expect(storage.token).toBe(before);
  committed = true;
  await until('both messages', () => received.length === 2);
  expect(received).toEqual(['un', 'deux']);
});
