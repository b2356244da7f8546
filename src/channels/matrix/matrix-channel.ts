import { LogService, MatrixClient } from 'matrix-bot-sdk';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { pause } from '../../lib/pause';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import { ChannelSetupError, InboundNotCommitted, type ChannelAdapter, type ChannelReceiver, type InboundHandler, type InboundMessage, type RenderedMessage, type SendOptions, type SendResult } from '../channel';
import { InboundAttempts } from '../inbound-attempts';
import { databaseCryptoStore, roomEncryptionOf } from './e2ee/bot-sdk-crypto-store';
import type { MatrixCryptoStorage, WaitingMessage } from './e2ee/crypto-storage';
import { MatrixCryptoStateError, MatrixE2ee } from './e2ee/matrix-e2ee';
import { WrongPassphraseError } from './e2ee/record-sealer';
import { WaitingMessages } from './e2ee/waiting-messages';
import { classifySendError } from './matrix-errors';
import { textContent } from './matrix-format';
import { MatrixHttpError, matrixRequest } from './matrix-http';
import type { MatrixStorage } from './matrix-storage';
import { limitedRooms, messageItem, SYNC_FILTER, syncItems, type MatrixEvent, type SyncItem, type SyncResponse } from './matrix-sync';

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
  /** End-to-end encryption (MATRIX_E2EE=on); absent: encrypted rooms are declined. */
  readonly e2ee?: MatrixE2eeSettings;
}

/** What end-to-end encryption needs. */
export interface MatrixE2eeSettings {
  readonly storage: MatrixCryptoStorage;
  /** Protects the crypto state in the database (`MATRIX_CRYPTO_PASSPHRASE`). */
  readonly passphrase: string;
  /** The bot account's password, for a homeserver that asks for it to publish cross-signing keys. */
  readonly accountPassword: string | null;
  readonly clock: Clock;
  /** How long an undecryptable message waits for its key before the person is asked to send it again; default 30 s. */
  readonly undecryptableGraceMs?: number;
}

const DEFAULT_SYNC_TIMEOUT_MS = 30_000;
const DEFAULT_SYNC_RETRY_MS = 5_000;
const DEFAULT_UNDECRYPTABLE_GRACE_MS = 30_000;

/** A room's members and encryption, read once the bot has joined it. */
interface RoomFacts {
  /** Joined and invited members other than the bot. */
  readonly others: readonly string[];
  /** The `m.room.encryption` content, or null for a room without end-to-end encryption. */
  readonly encryption: Readonly<Record<string, unknown>> | null;
}

/**
 * Matrix through matrix-bot-sdk: direct chats with one person each, by long-polling /sync. The
 * sync position, the direct chat of each person and the groups being left live in `storage`,
 * so a restart neither replays nor misses anything. Groups are told (through the conversation
 * service, in words from the locales) that the bot talks in direct chats, then left.
 * With end-to-end encryption on, encrypted rooms are read and written like the others, through
 * MatrixE2ee; nothing is ever sent in clear to an encrypted room. With it off, encrypted rooms are
 * declined and the person is told why in a new unencrypted direct chat.
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
  private e2ee: MatrixE2ee | null = null;
  private waiting: WaitingMessages | null = null;
  /** Rooms known to be end-to-end encrypted (also kept in the crypto storage, when encryption is on). */
  private readonly encryptedRooms = new Set<string>();
  /** Rooms seen without encryption since the start; one turning it on is in the next sync. */
  private readonly clearRooms = new Set<string>();

  constructor(private readonly options: MatrixOptions) {
    // NOTE: the SDK logs through one process-wide service; its lines (request URLs, which name
    // rooms and people) go to our log at debug level only.
    const sdkLog = (module: string, ...parts: unknown[]) => options.logger.debug('matrix_sdk', { module, message: parts.map(String).join(' ') });
    LogService.setLogger({ info: sdkLog, warn: sdkLog, error: sdkLog, debug: sdkLog, trace: () => undefined });
    // Its own storage (the sync token, a memory store that it warns about) is unused: ours is `storage`.
    const cryptoStore = options.e2ee ? databaseCryptoStore(options.e2ee.storage) : undefined;
    this.client = new MatrixClient(options.homeserverUrl, options.accessToken, undefined, cryptoStore);
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
      const content = textContent(message.text);
      let event: { type: string; content: unknown } = { type: 'm.room.message', content };
      if (await this.isEncrypted(roomId)) {
        // NOTE: never in clear to an encrypted room. Encrypting again on a retry is harmless: the
        // homeserver answers a known transaction id with the event it already made.
        if (!this.e2ee) {
          // Encryption off: the bot cannot write there. On but not started (`parlons tick`): the
          // device's keys belong to the process that serves Matrix, which sends it later.
          return this.options.e2ee ? { status: 'retry', reason: 'matrix_e2ee_not_started' } : { status: 'failed', reason: 'matrix_encrypted_room' };
        }
        event = { type: 'm.room.encrypted', content: await this.e2ee.encrypt(roomId, { ...content }) };
      }
      const sent = (await matrixRequest(this.options.homeserverUrl, this.options.accessToken, {
        method: 'PUT',
        path: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${event.type}/${txnId}`,
        body: event.content,
      })) as { event_id?: string };
      result = sent.event_id ? { status: 'sent', providerId: sent.event_id } : { status: 'sent' };
    } catch (error) {
      result = classifySendError(error);
    }
    if (isRoom && result.status !== 'retry' && this.options.storage.isRoomToLeave(address)) await this.leaveGroup(address);
    return result;
  }

  /**
   * Whether a room is end-to-end encrypted: known from the sync (and the crypto storage), else
   * asked once to the homeserver; a doubt (an error) throws, so the message waits rather than
   * going in clear.
   */
  private async isEncrypted(roomId: string): Promise<boolean> {
    if (this.encryptedRooms.has(roomId) || this.options.e2ee?.storage.roomEncryption(roomId)) return true;
    if (this.clearRooms.has(roomId)) return false;
    try {
      const content = (await matrixRequest(this.options.homeserverUrl, this.options.accessToken, {
        method: 'GET',
        path: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.encryption/`,
      })) as Record<string, unknown>;
      this.rememberEncryption(roomId, content);
      return true;
    } catch (error) {
      if (!(error instanceof MatrixHttpError && error.status === 404)) throw error;
      this.clearRooms.add(roomId);
      return false;
    }
  }

  private rememberEncryption(roomId: string, content: Readonly<Record<string, unknown>>): void {
    this.encryptedRooms.add(roomId);
    this.clearRooms.delete(roomId);
    this.options.e2ee?.storage.saveRoomEncryption(roomId, roomEncryptionOf(content));
  }

  /** Checks the access token (whoami), then receives by long-polling /sync until stopped. */
  async start(handler: InboundHandler): Promise<void> {
    this.userId = await this.client.getUserId();
    if (this.options.e2ee) await this.startE2ee(this.options.e2ee, handler);
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.syncLoop(handler, abort.signal);
    this.options.logger.info('matrix_started', { user: this.userId });
  }

  /**
   * Opens the device's crypto state; a state that cannot be used stops the start with a message
   * for the operator (ChannelSetupError).
   */
  private async startE2ee(settings: MatrixE2eeSettings, handler: InboundHandler): Promise<void> {
    const { logger } = this.options;
    try {
      this.e2ee = await MatrixE2ee.start(this.client, { storage: settings.storage, passphrase: settings.passphrase, accountPassword: settings.accountPassword, logger, clock: settings.clock });
    } catch (error) {
      if (error instanceof WrongPassphraseError) throw new ChannelSetupError(`${error.message} (the one it was made with is needed)`, true);
      if (error instanceof MatrixCryptoStateError) throw new ChannelSetupError(error.message, false);
      throw error;
    }
    const e2ee = this.e2ee;
    this.waiting = new WaitingMessages({
      storage: settings.storage,
      clock: settings.clock,
      graceMs: settings.undecryptableGraceMs ?? DEFAULT_UNDECRYPTABLE_GRACE_MS,
      decrypt: (roomId, event) => e2ee.decrypt(roomId, event),
      handle: (roomId, decrypted, encrypted) => this.onDecrypted(roomId, decrypted, encrypted, handler),
      askToResend: (message) => this.askToResend(message, handler),
    });
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
    await this.e2ee?.stop();
    this.e2ee = null;
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
        response = await this.fetchSync(since, signal);
        if (signal.aborted) return;
        // Keys first: the to-device messages of this answer may hold the keys of its messages.
        await this.e2ee?.receiveSync(response);
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
        if (retryAfterMs === null) {
          await this.afterSync();
          if (await this.acknowledge(response.next_batch)) break;
        }
        await pause(retryAfterMs ?? this.options.syncRetryMs ?? DEFAULT_SYNC_RETRY_MS, signal);
        if (signal.aborted) return;
      }
    }
  }

  /** One /sync: a long poll after `since`, or at once for the first one. */
  private async fetchSync(since: string | null, signal: AbortSignal): Promise<SyncResponse> {
    return (await matrixRequest(this.options.homeserverUrl, this.options.accessToken, {
      method: 'GET',
      path: '/_matrix/client/v3/sync',
      query: { ...(since ? { since } : {}), timeout: String(since ? this.longPollMs() : 0), filter: SYNC_FILTER },
      signal,
    })) as SyncResponse;
  }

  /** The long poll's length: shorter when a waiting message is due an answer before it ends. */
  private longPollMs(): number {
    const timeout = this.options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
    const due = this.waiting?.msUntilNextAnswer() ?? null;
    return due === null ? timeout : Math.min(timeout, due);
  }

  /** Encrypted messages whose key came are read; those that waited too long are answered; erased people's keys forgotten. */
  private async afterSync(): Promise<void> {
    if (!this.e2ee || !this.waiting) return;
    try {
      if (this.e2ee.takeRoomKeysArrived()) await this.waiting.retry();
      await this.waiting.answerDue();
      await this.e2ee.forgetErasedRooms();
    } catch (error) {
      this.options.logger.error('matrix_e2ee_failed', { error: (error as Error).message });
    }
  }

  /**
   * Saves the sync position once every event of the answer is handled: with encryption, in the
   * same transaction as the crypto state those events changed (their keys). False when the
   * database cannot take it now.
   */
  private async acknowledge(syncToken: string): Promise<boolean> {
    try {
      if (this.e2ee) await this.e2ee.persist(syncToken);
      else this.options.storage.saveSyncToken(syncToken);
      return true;
    } catch (error) {
      this.options.logger.debug('matrix_sync_token_not_saved', { error: (error as Error).message });
      return false;
    }
  }

  /**
   * Handles a sync's items in order. Messages in known direct chats are handed in without
   * waiting for each other (so that the whole sync is committed together); invitations, new
   * rooms and encrypted messages (decrypted first) are taken one at a time, in order, as they
   * call the homeserver or the crypto machine. Returns null when
   * every item is done (the sync token may be saved), else how long to wait before trying again.
   */
  private async handleAll(items: readonly SyncItem[], handler: InboundHandler): Promise<number | null> {
    const handled: Promise<number | null>[] = [];
    for (const received of items) {
      // Decrypted in order, before anything is handed in: an encrypted message is then a message.
      const item = received.kind === 'encrypted' ? await this.decrypted(received) : received;
      if (!item) continue;
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
    const id = item.kind === 'left' ? `left:${item.roomId}:${item.userId}` : item.kind === 'invite' || item.kind === 'encryption' ? `${item.kind}:${item.roomId}` : item.eventId;
    try {
      if (item.kind === 'invite') await this.onInvite(item, handler);
      else if (item.kind === 'message') await this.onMessage(item, handler);
      else if (item.kind === 'encrypted') this.onUndecryptable(item);
      else if (item.kind === 'encryption') await this.onEncryptionOn(item, handler);
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
    if (invite.encrypted && !this.e2ee) return this.declineEncrypted(invite.roomId, invite.inviter, externalId, handler);
    await this.client.joinRoom(invite.roomId);
    const facts = await this.roomFacts(invite.roomId);
    // The invite state may not show encryption (it is up to the homeserver): check again inside.
    if (facts.encryption && !this.e2ee) return this.declineEncrypted(invite.roomId, invite.inviter, externalId, handler);
    if (facts.others.length > 1) return this.onGroup(invite.roomId, externalId, handler);
    await this.adoptDirectRoom(invite.inviter, invite.roomId);
  }

  private async onMessage(message: Extract<SyncItem, { kind: 'message' }>, handler: InboundHandler): Promise<void> {
    const { storage } = this.options;
    if (storage.isRoomToLeave(message.roomId)) return;
    if (storage.directRoomUser(message.roomId) !== message.sender) {
      // A room not known as this person's direct chat (joined before, or someone else came in).
      const facts = await this.roomFacts(message.roomId);
      if (facts.encryption && !this.e2ee) return;
      if (facts.others.length > 1) return this.onGroup(message.roomId, message.eventId, handler);
      await this.adoptDirectRoom(message.sender, message.roomId);
    }
    // Older messages of the room still waiting for their key are given up: this one is newer.
    if (this.waiting?.hasWaiting(message.roomId)) await this.waiting.supersede(message.roomId, message.eventId);
    const inbound: InboundMessage = { channel: 'matrix', address: message.sender, externalId: message.eventId, text: message.text };
    await handler(inbound);
  }

  /**
   * An encrypted message, decrypted: the message it holds (null when it is not one to answer,
   * an edit), or as it came when it cannot be decrypted (yet). With encryption off, as it came.
   */
  private async decrypted(item: Extract<SyncItem, { kind: 'encrypted' }>): Promise<SyncItem | null> {
    if (!this.e2ee) return item;
    this.encryptedRooms.add(item.roomId);
    const decryption = await this.e2ee.decrypt(item.roomId, item.event);
    if (!decryption.ok) {
      this.options.logger.info('matrix_undecryptable', { code: decryption.code });
      return item;
    }
    return this.decryptedMessage(item.roomId, decryption.event, item.event);
  }

  /** A decrypted message as a message item (its relation, an edit, is outside the encryption). */
  private decryptedMessage(roomId: string, decrypted: MatrixEvent, encrypted: MatrixEvent): SyncItem | null {
    return messageItem(roomId, { ...decrypted, event_id: encrypted.event_id ?? '', sender: encrypted.sender }, encrypted.content['m.relates_to'] ?? decrypted.content['m.relates_to']);
  }

  /**
   * A message that could not be decrypted is kept until its key comes (the person is asked to
   * send it again if it does not come in time). With encryption off, the bot is in no encrypted
   * room it knows of; what it cannot read there is left.
   */
  private onUndecryptable(item: Extract<SyncItem, { kind: 'encrypted' }>): void {
    if (!this.waiting || this.options.storage.isRoomToLeave(item.roomId)) return;
    const sessionId = typeof item.event.content.session_id === 'string' ? item.event.content.session_id : '';
    this.waiting.add(item.roomId, item.event, sessionId);
  }

  /** A waiting message decrypted at last: handled as if it had just come. */
  private async onDecrypted(roomId: string, decrypted: MatrixEvent, encrypted: MatrixEvent, handler: InboundHandler): Promise<void> {
    const message = this.decryptedMessage(roomId, decrypted, encrypted);
    if (message?.kind === 'message') await this.onMessage(message, handler);
  }

  /** Asks the person to send again a message whose key never came: once per missing key, whatever the number of messages. */
  private async askToResend(message: WaitingMessage, handler: InboundHandler): Promise<void> {
    await handler({ channel: 'matrix', address: message.sender, externalId: `undecryptable:${message.roomId}:${message.sessionId}`, text: '', notice: 'undecryptable' });
  }

  /**
   * A joined room turned encryption on: remembered, so that nothing more goes there in clear.
   * With encryption off, the person's direct chat is declined as an encrypted invitation is.
   */
  private async onEncryptionOn(item: Extract<SyncItem, { kind: 'encryption' }>, handler: InboundHandler): Promise<void> {
    this.rememberEncryption(item.roomId, item.content);
    if (this.e2ee) return;
    const user = this.options.storage.directRoomUser(item.roomId);
    if (user) await this.declineEncrypted(item.roomId, user, item.eventId, handler);
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
   * NOTE: with end-to-end encryption off (MATRIX_E2EE=off, https://spec.matrix.org/v1.11/client-server-api/#end-to-end-encryption)
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
    const state = (await this.client.getRoomState(roomId)) as { type: string; state_key?: string; content?: Record<string, unknown> }[];
    const others = state
      .filter((e) => e.type === 'm.room.member' && e.state_key !== this.userId && (e.content?.membership === 'join' || e.content?.membership === 'invite'))
      .map((e) => e.state_key ?? '');
    const encryption = state.find((e) => e.type === 'm.room.encryption' && e.state_key === '')?.content ?? null;
    if (encryption) this.rememberEncryption(roomId, encryption);
    else this.clearRooms.add(roomId);
    return { others, encryption };
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
