import { LogService, MatrixClient } from 'matrix-bot-sdk';
import type { Logger } from '../../lib/logger';
import { pause } from '../../lib/pause';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import { InboundNotCommitted, type ChannelAdapter, type ChannelReceiver, type InboundHandler, type InboundMessage, type RenderedMessage, type SendOptions, type SendResult } from '../channel';
import { InboundAttempts } from '../inbound-attempts';
import { classifySendError } from './matrix-errors';
import { textContent } from './matrix-format';
import { matrixRequest } from './matrix-http';
import type { MatrixStorage } from './matrix-storage';
import { limitedRooms, SYNC_FILTER, syncItems, type SyncItem, type SyncResponse } from './matrix-sync';

/** How to reach the homeserver, and where to keep the channel's state. */
export interface MatrixOptions {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  readonly storage: MatrixStorage;
  readonly logger: Logger;
  /** How long one /sync waits for new events (the long poll); default 30 s. */
  readonly syncTimeoutMs?: number;
  /** The wait after a failed /sync before the next; default 5 s. */
  readonly syncRetryMs?: number;
}

const DEFAULT_SYNC_TIMEOUT_MS = 30_000;
const DEFAULT_SYNC_RETRY_MS = 5_000;

/** A room's members and encryption, read once the bot has joined it. */
interface RoomFacts {
  /** Joined and invited members other than the bot. */
  readonly others: readonly string[];
  readonly encrypted: boolean;
}

/**
 * Matrix through matrix-bot-sdk: direct chats with one person each, by long-polling /sync. The
 * sync position, the direct chat of each person and the groups being left live in `storage`,
 * so a restart neither replays nor misses anything. Groups are told (through the conversation
 * service, in words from the locales) that the bot talks in direct chats, then left; encrypted
 * rooms are declined and the person is told why in a new unencrypted direct chat.
 * It knows nothing of flows or the store.
 */
export class MatrixChannel implements ChannelAdapter, ChannelReceiver {
  readonly kind = 'matrix' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.matrix;
  private readonly client: MatrixClient;
  private readonly attempts = new InboundAttempts();
  private userId = '';
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: MatrixOptions) {
    this.client = new MatrixClient(options.homeserverUrl, options.accessToken);
    // NOTE: the SDK logs through one process-wide service; its lines (request URLs, which name
    // rooms and people) go to our log at debug level only.
    const sdkLog = (module: string, ...parts: unknown[]) => options.logger.debug('matrix_sdk', { module, message: parts.map(String).join(' ') });
    LogService.setLogger({ info: sdkLog, warn: sdkLog, error: sdkLog, debug: sdkLog, trace: () => undefined });
  }

  /**
   * Sends a message to a person's direct chat (opened now if there is none yet) or, for a
   * group's notice, to the room itself, which is then left. The idempotency key is the Matrix
   * transaction id: the homeserver answers a repeated one with the event it already made.
   */
  async send(address: string, message: RenderedMessage, options: SendOptions = {}): Promise<SendResult> {
    const isRoom = address.startsWith('!');
    let result: SendResult;
    try {
      const roomId = isRoom ? address : await this.directRoomFor(address);
      if (roomId === null) return { status: 'failed', reason: 'matrix_left_direct_chat', unreachable: true };
      const txnId = encodeURIComponent(options.idempotencyKey ?? `${Date.now()}.${Math.random()}`);
      const sent = (await matrixRequest(this.options.homeserverUrl, this.options.accessToken, {
        method: 'PUT',
        path: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`,
        body: textContent(message.text),
      })) as { event_id?: string };
      result = sent.event_id ? { status: 'sent', providerId: sent.event_id } : { status: 'sent' };
    } catch (error) {
      result = classifySendError(error);
    }
    if (isRoom && result.status !== 'retry' && this.options.storage.isRoomToLeave(address)) await this.leaveGroup(address);
    return result;
  }

  /** Checks the access token (whoami), then receives by long-polling /sync until stopped. */
  async start(handler: InboundHandler): Promise<void> {
    this.userId = await this.client.getUserId();
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.syncLoop(handler, abort.signal);
    this.options.logger.info('matrix_started', { user: this.userId });
  }

  /** Stops receiving: the long poll under way is abandoned, the events being handled are finished. */
  publicAddress(): string | null {
    return this.userId || null;
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.abort = null;
    this.loop = null;
  }

  /**
   * NOTE: matrix-bot-sdk's own sync loop is not used: it does not wait for event listeners
   * before saving the sync token (a crash would lose events) and cannot stop its long poll.
   * Here the token is saved only once every event of the answer is handled (committed), and an
   * answer that arrives after stop() is dropped unsaved, to be fetched again at the next start.
   * When an event could not be committed (the database locked, full or read-only; or a bug, a
   * few times), the token stays where it was and the same answer is handled again after a
   * pause: the events already committed come again as duplicates, the others are handled now.
   */
  private async syncLoop(handler: InboundHandler, signal: AbortSignal): Promise<void> {
    const { storage, logger } = this.options;
    while (!signal.aborted) {
      let since: string | null;
      try {
        since = storage.syncToken();
      } catch (error) {
        // The database cannot be read: wait, as for a failed sync.
        logger.debug('matrix_sync_token_unreadable', { error: (error as Error).message });
        await pause(this.options.syncRetryMs ?? DEFAULT_SYNC_RETRY_MS, signal);
        continue;
      }
      let response: SyncResponse;
      try {
        response = (await matrixRequest(this.options.homeserverUrl, this.options.accessToken, {
          method: 'GET',
          path: '/_matrix/client/v3/sync',
          query: { ...(since ? { since } : {}), timeout: String(since ? (this.options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS) : 0), filter: SYNC_FILTER },
          signal,
        })) as SyncResponse;
      } catch (error) {
        if (signal.aborted) return;
        logger.warn('matrix_sync_failed', { error: (error as Error).message });
        await pause(this.options.syncRetryMs ?? DEFAULT_SYNC_RETRY_MS, signal);
        continue;
      }
      if (signal.aborted) return;
      const limited = limitedRooms(response);
      if (since && limited.length > 0) logger.debug('matrix_timeline_limited', { rooms: limited.length });
      const items = syncItems(response, this.userId, since !== null);
      // The same answer is handled again until it is all done, rather than fetched again: a new
      // bot's first sync skips what came before it, and fetching it again later would skip what
      // came meanwhile. What was committed already comes again as a duplicate.
      for (;;) {
        const retryAfterMs = await this.handleAll(items, handler);
        if (retryAfterMs === null && this.saveToken(response.next_batch)) break;
        await pause(retryAfterMs ?? this.options.syncRetryMs ?? DEFAULT_SYNC_RETRY_MS, signal);
        if (signal.aborted) return;
      }
    }
  }

  /** Saves the sync position; false when the database cannot take it now. */
  private saveToken(token: string): boolean {
    try {
      this.options.storage.saveSyncToken(token);
      return true;
    } catch (error) {
      this.options.logger.debug('matrix_sync_token_not_saved', { error: (error as Error).message });
      return false;
    }
  }

  /**
   * Handles a sync's items in order. Messages in known direct chats are handed in without
   * waiting for each other (so that the whole sync is committed together); invitations and new
   * rooms are taken one at a time, in order, as they call the homeserver. Returns null when
   * every item is done (the sync token may be saved), else how long to wait before trying again.
   */
  private async handleAll(items: readonly SyncItem[], handler: InboundHandler): Promise<number | null> {
    const handled: Promise<number | null>[] = [];
    for (const item of items) {
      const done = this.handleOne(item, handler);
      handled.push(done);
      if (!this.inKnownDirectChat(item)) await done;
    }
    const waits = (await Promise.all(handled)).filter((wait): wait is number => wait !== null);
    return waits.length > 0 ? Math.max(...waits) : null;
  }

  /** Whether the item is a message in its sender's known direct chat (false when that cannot be read now). */
  private inKnownDirectChat(item: SyncItem): boolean {
    if (item.kind !== 'message') return false;
    try {
      return this.options.storage.directRoomUser(item.roomId) === item.sender;
    } catch {
      return false;
    }
  }

  /**
   * One item: null once done (committed, or given up after failing too often), else the wait
   * before it is tried again. A failure is logged without content.
   */
  private async handleOne(item: SyncItem, handler: InboundHandler): Promise<number | null> {
    const id = item.kind === 'left' ? `left:${item.roomId}:${item.userId}` : item.kind === 'message' ? item.eventId : `invite:${item.roomId}`;
    try {
      if (item.kind === 'invite') await this.onInvite(item, handler);
      else if (item.kind === 'message') await this.onMessage(item, handler);
      else await this.onLeft(item.roomId, item.userId);
      this.attempts.succeeded(id);
      return null;
    } catch (error) {
      if (error instanceof InboundNotCommitted) return error.retryAfterMs;
      const dropped = this.attempts.failed(id);
      this.options.logger.error(dropped ? 'matrix_event_dropped' : 'matrix_event_failed', { kind: item.kind, error: (error as Error).message });
      return dropped ? null : (this.options.syncRetryMs ?? DEFAULT_SYNC_RETRY_MS);
    }
  }

  private async onInvite(invite: Extract<SyncItem, { kind: 'invite' }>, handler: InboundHandler): Promise<void> {
    const externalId = invite.eventId ?? `invite:${invite.roomId}`;
    if (invite.encrypted) return this.declineEncrypted(invite.roomId, invite.inviter, externalId, handler);
    await this.client.joinRoom(invite.roomId);
    const facts = await this.roomFacts(invite.roomId);
    // The invite state may not show encryption (it is up to the homeserver): check again inside.
    if (facts.encrypted) return this.declineEncrypted(invite.roomId, invite.inviter, externalId, handler);
    if (facts.others.length > 1) return this.onGroup(invite.roomId, externalId, handler);
    await this.adoptDirectRoom(invite.inviter, invite.roomId);
  }

  private async onMessage(message: Extract<SyncItem, { kind: 'message' }>, handler: InboundHandler): Promise<void> {
    const { storage } = this.options;
    if (storage.isRoomToLeave(message.roomId)) return;
    if (storage.directRoomUser(message.roomId) !== message.sender) {
      // A room not known as this person's direct chat (joined before, or someone else came in).
      const facts = await this.roomFacts(message.roomId);
      if (facts.encrypted) return;
      if (facts.others.length > 1) return this.onGroup(message.roomId, message.eventId, handler);
      await this.adoptDirectRoom(message.sender, message.roomId);
    }
    const inbound: InboundMessage = { channel: 'matrix', address: message.sender, externalId: message.eventId, text: message.text };
    await handler(inbound);
  }

  /** The person left their direct chat: nothing more is sent there; the bot leaves too. */
  private async onLeft(roomId: string, userId: string): Promise<void> {
    const { storage } = this.options;
    if (storage.directRoomUser(roomId) !== userId) return;
    storage.markDirectRoomLeft(userId);
    await this.leave(roomId);
  }

  /**
   * A room with more people: the service queues, once per room, the notice that the bot talks in
   * direct chats; the room is left once it is sent (at once if it was told before). Nothing
   * written there is kept.
   */
  private async onGroup(roomId: string, externalId: string, handler: InboundHandler): Promise<void> {
    const { storage } = this.options;
    const partner = storage.directRoomUser(roomId);
    if (partner) storage.markDirectRoomLeft(partner);
    const result = await handler({ channel: 'matrix', address: roomId, externalId, text: '', inGroup: true });
    if (result.groupNotice === 'queued') storage.addRoomToLeave(roomId);
    else if (result.outcome !== 'duplicate') await this.leaveGroup(roomId);
  }

  /**
   * NOTE: end-to-end encryption is not supported (https://spec.matrix.org/v1.11/client-server-api/#end-to-end-encryption):
   * the bot could not read the room. It declines, and the service tells the person why, in
   * their direct chat (opened unencrypted at send time if there is none).
   */
  private async declineEncrypted(roomId: string, inviter: string, externalId: string, handler: InboundHandler): Promise<void> {
    await this.client.leaveRoom(roomId);
    const direct = this.options.storage.directRoom(inviter);
    if (direct?.roomId === roomId) this.options.storage.markDirectRoomLeft(inviter);
    await handler({ channel: 'matrix', address: inviter, externalId, text: '', notice: 'encryption_unsupported' });
  }

  private async leaveGroup(roomId: string): Promise<void> {
    await this.leave(roomId);
    this.options.storage.forgetRoomToLeave(roomId);
  }

  /** Leaves a room; a failure (already gone) is only logged. */
  private async leave(roomId: string): Promise<void> {
    await this.client.leaveRoom(roomId).catch((error: Error) => this.options.logger.warn('matrix_leave_failed', { error: error.message }));
  }

  private async roomFacts(roomId: string): Promise<RoomFacts> {
    const state = (await this.client.getRoomState(roomId)) as { type: string; state_key?: string; content?: { membership?: string } }[];
    const others = state
      .filter((e) => e.type === 'm.room.member' && e.state_key !== this.userId && (e.content?.membership === 'join' || e.content?.membership === 'invite'))
      .map((e) => e.state_key ?? '');
    return { others, encrypted: state.some((e) => e.type === 'm.room.encryption') };
  }

  /** The person's direct chat; a new unencrypted one when there is none; null when they left it. */
  private async directRoomFor(userId: string): Promise<string | null> {
    const known = this.options.storage.directRoom(userId);
    if (known) return known.left ? null : known.roomId;
    const roomId = await this.client.createRoom({ is_direct: true, invite: [userId], preset: 'trusted_private_chat' });
    await this.adoptDirectRoom(userId, roomId);
    return roomId;
  }

  /**
   * Records the direct chat in our storage, the source of truth, and in the bot account's
   * `m.direct` account data, so that the bot's account shows it as a direct chat in any client.
   * NOTE: https://spec.matrix.org/v1.11/client-server-api/#mdirect
   */
  private async adoptDirectRoom(userId: string, roomId: string): Promise<void> {
    this.options.storage.saveDirectRoom(userId, roomId);
    try {
      const direct = await this.client.getAccountData<Record<string, string[]>>('m.direct').catch(() => ({}) as Record<string, string[]>);
      const rooms = direct[userId] ?? [];
      if (!rooms.includes(roomId)) await this.client.setAccountData('m.direct', { ...direct, [userId]: [roomId, ...rooms] });
    } catch (error) {
      this.options.logger.warn('matrix_direct_list_failed', { error: (error as Error).message });
    }
  }
}
