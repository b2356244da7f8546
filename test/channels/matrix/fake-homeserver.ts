import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyServerError, MatrixKeyServer } from '../../support/matrix-key-server';

/**
 * A fake Matrix homeserver on 127.0.0.1 that follows the Client-Server API
 * (https://spec.matrix.org/v1.11/client-server-api/) for what a bot uses: whoami, /sync with
 * `since` tokens and a real long poll, joined_rooms, join, leave, invitations with their
 * invite state, createRoom, room state and members, account data (`m.direct`), and sending with
 * transaction ids (a repeated one returns the first event and stores nothing), and end-to-end
 * encryption: key upload, query and claim, to-device messages, cross-signing keys and
 * signatures, device lists and key counts in /sync (see MatrixKeyServer).
 * The bot is an HTTP client; test users act through methods (create rooms, invite, write, read),
 * or over HTTP with their own access token (an encrypting client).
 * Failures can be injected: an error answer, or a request processed whose answer is lost.
 */

/** A room event as the server stores and serves it. */
export interface FakeEvent {
  readonly type: string;
  readonly sender: string;
  readonly event_id: string;
  readonly room_id: string;
  readonly origin_server_ts: number;
  readonly state_key?: string;
  readonly content: Record<string, unknown>;
}

interface Room {
  readonly id: string;
  readonly timeline: { pos: number; event: FakeEvent }[];
  /** Current state, by `type\0state_key`. */
  readonly state: Map<string, FakeEvent>;
}

/** An error answer to give instead of handling matching requests. */
export interface InjectedFailure {
  /** Only for this user's requests (default: anyone's). */
  readonly user?: string;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

interface Rule {
  readonly method: string;
  readonly path: RegExp;
  readonly failure: InjectedFailure | 'lose_response';
}

const SERVER = 'fake.test';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
  ) {
    super(errcode);
  }
}

/** Who an access token belongs to. */
interface Device {
  readonly userId: string;
  readonly deviceId: string;
}

export class FakeHomeserver {
  readonly botUserId = `@parlons:${SERVER}`;
  readonly botToken = 'syt_parlons_fake_token';
  /** Every send request the bot made, in order (retries included). */
  readonly sendRequests: { roomId: string; txnId: string }[] = [];
  /** Messages the bot sent in clear to a room that was end-to-end encrypted at that moment. */
  readonly clearTextInEncryptedRooms: FakeEvent[] = [];
  /** The key endpoints, shared by every device. */
  readonly keys: MatrixKeyServer;
  /** Access tokens and their devices; the bot's device id can be changed (a new login). */
  private readonly tokens = new Map<string, Device>();
  private pos = 0;
  private roomCount = 0;
  private readonly rooms = new Map<string, Room>();
  /** Account data per user: type → content and the stream position of its last change. */
  private readonly accountData = new Map<string, Map<string, { content: unknown; pos: number }>>();
  private readonly transactions = new Map<string, string>();
  private readonly rules: Rule[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: http.Server) {
    this.keys = new MatrixKeyServer(
      () => ++this.pos,
      (a, b) => this.sharesRoom(a, b),
      () => this.wake(),
    );
    this.tokens.set(this.botToken, { userId: this.botUserId, deviceId: 'PARLONSDEVICE' });
  }

  /** An access token for a user's device (a client that logs in). */
  tokenFor(userId: string, deviceId: string): string {
    const token = `syt_${deviceId}_${this.tokens.size}`;
    this.tokens.set(token, { userId, deviceId });
    return token;
  }

  /** The bot's access token now belongs to another device (as after a new login). */
  setBotDevice(deviceId: string): void {
    this.tokens.set(this.botToken, { userId: this.botUserId, deviceId });
  }

  private sharesRoom(a: string, b: string): boolean {
    const present = (roomId: string, user: string) => ['join', 'invite'].includes(this.membership(roomId, user) ?? '');
    return [...this.rooms.keys()].some((roomId) => present(roomId, a) && present(roomId, b));
  }

  /** Starts the server on a free loopback port. */
  static async start(): Promise<FakeHomeserver> {
    let fake: FakeHomeserver | null = null;
    const server = http.createServer((req, res) => void fake?.serve(req, res));
    fake = new FakeHomeserver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ——— What test users do ———

  /** A user creates a room, invites others (the bot too, usually), and optionally turns encryption on. */
  createRoom(creator: string, options: { invite?: readonly string[]; encrypted?: boolean; isDirect?: boolean; name?: string } = {}): string {
    this.roomCount += 1;
    const roomId = `!room${this.roomCount}:${SERVER}`;
    this.rooms.set(roomId, { id: roomId, timeline: [], state: new Map() });
    this.append(roomId, creator, 'm.room.create', { room_version: '10' }, '');
    this.append(roomId, creator, 'm.room.member', { membership: 'join' }, creator);
    this.append(roomId, creator, 'm.room.join_rules', { join_rule: 'invite' }, '');
    if (options.name) this.append(roomId, creator, 'm.room.name', { name: options.name }, '');
    if (options.encrypted) this.append(roomId, creator, 'm.room.encryption', { algorithm: 'm.megolm.v1.aes-sha2' }, '');
    for (const user of options.invite ?? []) this.invite(roomId, creator, user, options.isDirect ?? false);
    return roomId;
  }

  invite(roomId: string, inviter: string, invitee: string, isDirect = false): void {
    this.append(roomId, inviter, 'm.room.member', { membership: 'invite', ...(isDirect ? { is_direct: true } : {}) }, invitee);
  }

  /** A user accepts an invitation (or joins). */
  join(roomId: string, userId: string): void {
    this.append(roomId, userId, 'm.room.member', { membership: 'join' }, userId);
  }

  leave(roomId: string, userId: string): void {
    this.append(roomId, userId, 'm.room.member', { membership: 'leave' }, userId);
  }

  /** A user writes in a room; returns the event id. */
  say(roomId: string, sender: string, body: string, msgtype = 'm.text', extra: Record<string, unknown> = {}): string {
    return this.append(roomId, sender, 'm.room.message', { msgtype, body, ...extra }).event_id;
  }

  /** The messages of a room, oldest first. */
  messages(roomId: string): FakeEvent[] {
    return this.room(roomId).timeline.map((t) => t.event).filter((e) => e.type === 'm.room.message');
  }

  /** A user turns end-to-end encryption on in a room (it cannot be turned off). */
  enableEncryption(roomId: string, userId: string): void {
    this.append(roomId, userId, 'm.room.encryption', { algorithm: 'm.megolm.v1.aes-sha2' }, '');
  }

  /** Something unimportant for a user's /sync (an account data change), so that a long poll returns now. */
  pokeSync(userId: string): void {
    this.setAccountData(userId, 'org.parlons.test.poke', { at: this.pos });
  }

  /** The messages of a room, encrypted ones too, oldest first. */
  roomMessages(roomId: string): FakeEvent[] {
    return this.room(roomId).timeline.map((t) => t.event).filter((e) => e.type === 'm.room.message' || e.type === 'm.room.encrypted');
  }

  membership(roomId: string, userId: string): string | null {
    return (this.room(roomId).state.get(`m.room.member\u0000${userId}`)?.content.membership as string | undefined) ?? null;
  }

  /** Every membership a user had in a room, in order. */
  membershipHistory(roomId: string, userId: string): string[] {
    return this.room(roomId)
      .timeline.map((t) => t.event)
      .filter((e) => e.type === 'm.room.member' && e.state_key === userId)
      .map((e) => String(e.content.membership));
  }

  /** The rooms a user is in or invited to, newest first. */
  roomsOf(userId: string): string[] {
    return [...this.rooms.keys()].filter((id) => this.membership(id, userId) !== null).reverse();
  }

  isEncrypted(roomId: string): boolean {
    return this.room(roomId).state.has('m.room.encryption\u0000');
  }

  accountDataOf(userId: string, type: string): unknown {
    return this.accountData.get(userId)?.get(type)?.content;
  }

  /** The next matching request gets this error answer instead of being handled. */
  failNext(method: string, path: RegExp, failure: InjectedFailure): void {
    this.rules.push({ method, path, failure });
  }

  /** The next matching request is handled, but its answer never arrives (the connection drops). */
  loseNextResponse(method: string, path: RegExp): void {
    this.rules.push({ method, path, failure: 'lose_response' });
  }

  // ——— The Client-Server API ———

  private room(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new HttpError(404, 'M_NOT_FOUND');
    return room;
  }

  private append(roomId: string, sender: string, type: string, content: Record<string, unknown>, stateKey?: string): FakeEvent {
    const room = this.room(roomId);
    this.pos += 1;
    const event: FakeEvent = {
      type,
      sender,
      event_id: `$event${this.pos}`,
      room_id: roomId,
      origin_server_ts: 1_700_000_000_000 + this.pos,
      ...(stateKey !== undefined ? { state_key: stateKey } : {}),
      content,
    };
    room.timeline.push({ pos: this.pos, event });
    if (stateKey !== undefined) room.state.set(`${type}\u0000${stateKey}`, event);
    this.wake();
    return event;
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const who = this.tokens.get(String(req.headers.authorization).replace(/^Bearer /, ''));
    const ruleIndex = this.rules.findIndex(
      (r) => r.method === method && r.path.test(url.pathname) && (r.failure === 'lose_response' || r.failure.user === undefined || r.failure.user === who?.userId),
    );
    const rule = ruleIndex >= 0 ? this.rules.splice(ruleIndex, 1)[0] : undefined;
    if (rule && rule.failure !== 'lose_response') {
      res.writeHead(rule.failure.status, { 'Content-Type': 'application/json', ...rule.failure.headers }).end(JSON.stringify(rule.failure.body ?? {}));
      return;
    }
    try {
      if (!who) throw new HttpError(401, 'M_UNKNOWN_TOKEN');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const answer = await this.route(method, url, body, req, who);
      if (rule) {
        // Handled, but the bot never learns it: as if the connection broke on the way back.
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      if (error instanceof KeyServerError) {
        res.writeHead(error.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errcode: error.errcode, ...error.body }));
        return;
      }
      const status = error instanceof HttpError ? error.status : 500;
      const errcode = error instanceof HttpError ? error.errcode : 'M_UNKNOWN';
      if (!res.headersSent && !res.destroyed) res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errcode, error: String((error as Error).message) }));
    }
  }

  private async route(method: string, url: URL, body: Record<string, unknown>, req: http.IncomingMessage, who: Device): Promise<unknown> {
    const path = url.pathname.replace(/^\/_matrix\/client\/v3/, '');
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const me = who.userId;
    const [first, second, third, fourth, fifth] = parts;
    if (method === 'GET' && path === '/account/whoami') return { user_id: me, device_id: who.deviceId, is_guest: false };
    if (method === 'GET' && path === '/sync') return this.sync(who, url.searchParams, req);
    if (method === 'GET' && path === '/joined_rooms') return { joined_rooms: [...this.rooms.keys()].filter((id) => this.membership(id, me) === 'join') };
    if (method === 'POST' && path === '/createRoom') return { room_id: this.createRoomAs(me, body) };
    if (method === 'POST' && first === 'join' && second) return { room_id: this.joinAs(me, second) };
    if (method === 'POST' && path === '/keys/upload') return this.keys.upload(me, who.deviceId, body);
    if (method === 'POST' && path === '/keys/query') return this.keys.query(me, body);
    if (method === 'POST' && path === '/keys/claim') return this.keys.claim(me, body);
    if (method === 'POST' && path === '/keys/device_signing/upload') return this.keys.uploadSigningKeys(me, body);
    if (method === 'POST' && path === '/keys/signatures/upload') return this.keys.uploadSignatures(me, body);
    if (method === 'PUT' && first === 'sendToDevice' && second && third) return this.keys.sendToDevice(me, who.deviceId, second, third, body);
    if (first === 'user' && second === me && third === 'filter' && method === 'POST') return { filter_id: '1' };
    if (first === 'user' && third === 'account_data' && fourth) {
      if (second !== me) throw new HttpError(403, 'M_FORBIDDEN');
      if (method === 'PUT') {
        this.setAccountData(me, fourth, body);
        return {};
      }
      const stored = this.accountData.get(me)?.get(fourth);
      if (!stored) throw new HttpError(404, 'M_NOT_FOUND');
      return stored.content;
    }
    if (first === 'rooms' && second) {
      const roomId = second;
      if (method === 'POST' && third === 'join') return { room_id: this.joinAs(me, roomId) };
      if (method === 'POST' && third === 'leave') {
        if (this.membership(roomId, me) === null) throw new HttpError(403, 'M_FORBIDDEN');
        this.leave(roomId, me);
        return {};
      }
      if (this.membership(roomId, me) !== 'join') throw new HttpError(403, 'M_FORBIDDEN');
      const room = this.room(roomId);
      if (method === 'PUT' && third === 'send' && fourth && fifth) return { event_id: this.sendAs(who, roomId, fourth, fifth, body) };
      if (method === 'GET' && third === 'state' && !fourth) return [...room.state.values()];
      if (method === 'GET' && third === 'state' && fourth) {
        const event = room.state.get(`${fourth}\u0000${fifth ?? ''}`);
        if (!event) throw new HttpError(404, 'M_NOT_FOUND');
        return event.content;
      }
      if (method === 'GET' && third === 'joined_members') {
        const joined = [...room.state.values()].filter((e) => e.type === 'm.room.member' && e.content.membership === 'join');
        return { joined: Object.fromEntries(joined.map((e) => [e.state_key, {}])) };
      }
      if (method === 'GET' && third === 'members') return { chunk: [...room.state.values()].filter((e) => e.type === 'm.room.member') };
    }
    throw new HttpError(404, 'M_UNRECOGNIZED');
  }

  private createRoomAs(creator: string, body: Record<string, unknown>): string {
    const invite = Array.isArray(body.invite) ? (body.invite as string[]) : [];
    const initial = Array.isArray(body.initial_state) ? (body.initial_state as { type: string }[]) : [];
    return this.createRoom(creator, { invite, isDirect: body.is_direct === true, encrypted: initial.some((e) => e.type === 'm.room.encryption') });
  }

  private joinAs(userId: string, roomId: string): string {
    const membership = this.membership(roomId, userId);
    if (membership !== 'invite' && membership !== 'join') throw new HttpError(403, 'M_FORBIDDEN');
    if (membership === 'invite') this.join(roomId, userId);
    return roomId;
  }

  /** NOTE: https://spec.matrix.org/v1.11/client-server-api/#transaction-identifiers — scoped to the device (access token). */
  private sendAs(who: Device, roomId: string, type: string, txnId: string, content: Record<string, unknown>): string {
    if (who.userId === this.botUserId) this.sendRequests.push({ roomId, txnId });
    const key = `${who.userId}\u0000${who.deviceId}\u0000${txnId}`;
    const known = this.transactions.get(key);
    if (known) return known;
    if (who.userId === this.botUserId && type === 'm.room.message' && this.isEncrypted(roomId)) this.clearTextInEncryptedRooms.push({ type, content, room_id: roomId } as FakeEvent);
    const eventId = this.append(roomId, who.userId, type, content).event_id;
    this.transactions.set(key, eventId);
    return eventId;
  }

  private setAccountData(userId: string, type: string, content: unknown): void {
    this.pos += 1;
    const forUser = this.accountData.get(userId) ?? new Map<string, { content: unknown; pos: number }>();
    forUser.set(type, { content, pos: this.pos });
    this.accountData.set(userId, forUser);
    this.wake();
  }

  /** Waits (the long poll) until something is new for the device after `since`, or the timeout passes. */
  private async sync(who: Device, query: URLSearchParams, req: http.IncomingMessage): Promise<unknown> {
    const since = Number((query.get('since') ?? 's0').slice(1));
    const timeout = Number(query.get('timeout') ?? '0');
    if (query.has('filter')) JSON.parse(query.get('filter') ?? '');
    let answer = this.syncSince(who, since);
    if (!answer.empty || timeout <= 0) return answer.body;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        req.socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout);
      this.waiters.add(done);
      // The client stopped and dropped its long poll.
      req.socket.once('close', done);
    });
    answer = this.syncSince(who, since);
    return answer.body;
  }

  private syncSince(who: Device, since: number): { empty: boolean; body: unknown } {
    const me = who.userId;
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    const leave: Record<string, unknown> = {};
    for (const room of this.rooms.values()) {
      const membership = this.membership(room.id, me);
      const newer = room.timeline.filter((t) => t.pos > since).map((t) => t.event);
      if (newer.length === 0) continue;
      if (membership === 'join') {
        join[room.id] = { timeline: { events: newer, limited: false, prev_batch: `s${since}` }, state: { events: [] } };
      } else if (membership === 'invite') {
        const inviteEvent = room.state.get(`m.room.member\u0000${me}`);
        if (inviteEvent && newer.includes(inviteEvent)) invite[room.id] = { invite_state: { events: this.strippedState(room, inviteEvent) } };
      } else if (membership === 'leave') {
        const own = newer.filter((e) => e.type === 'm.room.member' && e.state_key === me);
        if (own.length > 0) leave[room.id] = { timeline: { events: own } };
      }
    }
    const accountEvents = [...(this.accountData.get(me)?.entries() ?? [])].filter(([, v]) => v.pos > since).map(([type, v]) => ({ type, content: v.content }));
    const toDevice = this.keys.toDevice(me, who.deviceId, since);
    const changed = since > 0 ? this.keys.changedUsers(me, since) : [];
    const empty = Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length + accountEvents.length + toDevice.length + changed.length === 0;
    return {
      empty,
      body: {
        next_batch: `s${this.pos}`,
        rooms: { join, invite, leave },
        account_data: { events: accountEvents },
        to_device: { events: toDevice },
        device_lists: { changed, left: [] },
        device_one_time_keys_count: this.keys.oneTimeKeyCounts(me, who.deviceId),
        device_unused_fallback_key_types: this.keys.unusedFallbackKeyTypes(me, who.deviceId),
      },
    };
  }

  /**
   * NOTE: https://spec.matrix.org/v1.11/client-server-api/#stripped-state — what an invitee may
   * see before joining: Synapse's default `room_prejoin_state` (create, join rules, name,
   * encryption, the inviter's membership), plus the invitation event itself, full.
   */
  private strippedState(room: Room, inviteEvent: FakeEvent): unknown[] {
    const strip = (e: FakeEvent) => ({ type: e.type, state_key: e.state_key, sender: e.sender, content: e.content });
    const shown = ['m.room.create', 'm.room.join_rules', 'm.room.name', 'm.room.encryption'].flatMap((type) => {
      const event = room.state.get(`${type}\u0000`);
      return event ? [strip(event)] : [];
    });
    const inviter = room.state.get(`m.room.member\u0000${inviteEvent.sender}`);
    return [...shown, ...(inviter ? [strip(inviter)] : []), inviteEvent];
  }
}
