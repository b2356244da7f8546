import type { FakeHomeserver, FakeEvent } from './fake-homeserver';
import { until } from '../../support/until';

/** The WASM binding (its types are declared as an ES module's). */
type Wasm = typeof import('@matrix-org/matrix-sdk-crypto-wasm', { with: { 'resolution-mode': 'import' } });
const W = require('@matrix-org/matrix-sdk-crypto-wasm') as Wasm;
type Machine = InstanceType<Wasm['OlmMachine']>;

/**
 * A resident's Matrix client with end-to-end encryption, as Element is: a WASM OlmMachine (the
 * same Rust engine, in memory) and its own device on the fake homeserver, over HTTP with its own
 * access token. It opens an encrypted direct chat with the bot, writes encrypted messages and
 * decrypts the bot's.
 */
export class EncryptedResident {
  roomId = '';
  private since = '';
  /** The bot's messages read so far, by event id (decrypted text, or null when not readable). */
  private readonly read = new Map<string, string | null>();

  private constructor(
    private readonly server: FakeHomeserver,
    readonly userId: string,
    readonly deviceId: string,
    private readonly token: string,
    private readonly machine: Machine,
  ) {}

  /** This device's identity key (what Olm sessions with it are known by). */
  get curve25519Key(): string {
    return this.machine.identityKeys.curve25519.toBase64();
  }

  /** Logs in (a device), makes its keys and uploads them. */
  static async create(server: FakeHomeserver, localpart: string, deviceId = `${localpart.toUpperCase()}PHONE`): Promise<EncryptedResident> {
    const userId = `@${localpart}:fake.test`;
    const machine = await W.OlmMachine.initialize(new W.UserId(userId), new W.DeviceId(deviceId));
    const resident = new EncryptedResident(server, userId, deviceId, server.tokenFor(userId, deviceId), machine);
    await resident.sendOutgoing();
    return resident;
  }

  private async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const url = new URL(`${this.server.url}/_matrix/client/v3${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  /** Sends what the machine asks to (keys, queries, claims, to-device messages). */
  private async sendOutgoing(): Promise<void> {
    for (const request of await this.machine.outgoingRequests()) {
      const response = await this.send(request as { type: number; id?: string; body: string; event_type?: string; txn_id?: string });
      if (request.id) await this.machine.markRequestAsSent(request.id, request.type, JSON.stringify(response));
    }
  }

  private async send(request: { type: number; body: string; event_type?: string; txn_id?: string }): Promise<unknown> {
    const body = JSON.parse(request.body) as unknown;
    switch (request.type) {
      case W.RequestType.KeysUpload:
        return this.request('POST', '/keys/upload', body);
      case W.RequestType.KeysQuery:
        return this.request('POST', '/keys/query', body);
      case W.RequestType.KeysClaim:
        return this.request('POST', '/keys/claim', body);
      case W.RequestType.ToDevice:
        return this.request('PUT', `/sendToDevice/${encodeURIComponent(request.event_type ?? '')}/${encodeURIComponent(request.txn_id ?? '')}`, body);
      default:
        throw new Error(`request type ${request.type} not expected from a resident`);
    }
  }

  /** One /sync: to-device messages and key counts to the machine, the room's events returned. */
  async sync(): Promise<FakeEvent[]> {
    const answer = (await this.request('GET', '/sync', undefined, { ...(this.since ? { since: this.since } : {}), timeout: '0' })) as {
      next_batch: string;
      to_device?: { events?: unknown[] };
      device_lists?: { changed?: string[]; left?: string[] };
      device_one_time_keys_count?: Record<string, number>;
      device_unused_fallback_key_types?: string[];
      rooms?: { join?: Record<string, { timeline?: { events?: FakeEvent[] } }> };
    };
    this.since = answer.next_batch;
    await this.machine.receiveSyncChanges(
      JSON.stringify(answer.to_device?.events ?? []),
      new W.DeviceLists((answer.device_lists?.changed ?? []).map((u) => new W.UserId(u)), (answer.device_lists?.left ?? []).map((u) => new W.UserId(u))),
      new Map(Object.entries(answer.device_one_time_keys_count ?? {})),
      new Set(answer.device_unused_fallback_key_types ?? []),
    );
    await this.sendOutgoing();
    return answer.rooms?.join?.[this.roomId]?.timeline?.events ?? [];
  }

  /** Opens an encrypted direct chat with the bot (as Element does by default) and waits until the bot has joined. */
  async openEncryptedDirectChat(): Promise<void> {
    const answer = await this.request('POST', '/createRoom', {
      is_direct: true,
      invite: [this.server.botUserId],
      preset: 'trusted_private_chat',
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    this.roomId = String(answer.room_id);
    await until('the bot to join', () => this.server.membership(this.roomId, this.server.botUserId) === 'join');
  }

  /**
   * Encrypts a message for the room's members' devices (sharing the room key first, if needed)
   * and sends it; returns the event id.
   */
  async write(text: string): Promise<string> {
    await this.prepareToEncrypt(false);
    return this.encryptAndSend(text);
  }

  /**
   * Encrypts messages with a new room key that does not reach the bot (until
   * `deliverKeptBackKey`, if ever), and sends them; returns their event ids.
   */
  async writeWithoutKey(texts: readonly string[]): Promise<string[]> {
    await this.prepareToEncrypt(true);
    const ids: string[] = [];
    for (const text of texts) ids.push(await this.encryptAndSend(text));
    // The next message starts a new room key, shared as usual.
    await this.machine.invalidateGroupSession(new W.RoomId(this.roomId));
    return ids;
  }

  private async prepareToEncrypt(keepKeyBack: boolean): Promise<void> {
    await this.sync();
    const members = () => [new W.UserId(this.userId), new W.UserId(this.server.botUserId)];
    await this.machine.updateTrackedUsers(members());
    await this.sendOutgoing();
    const claim = await this.machine.getMissingSessions(members());
    if (claim) await this.machine.markRequestAsSent(claim.id, claim.type, JSON.stringify(await this.send(claim)));
    if (keepKeyBack) await this.machine.invalidateGroupSession(new W.RoomId(this.roomId));
    const shares = await this.machine.shareRoomKey(new W.RoomId(this.roomId), members(), new W.EncryptionSettings());
    for (const share of shares) {
      if (keepKeyBack) {
        // The machine believes the key sent; it is kept back, to arrive late (`deliverKeptBackKey`) or never.
        this.keptBack.push({ type: share.type, event_type: share.event_type, txn_id: share.txn_id, body: share.body });
        await this.machine.markRequestAsSent(share.id, share.type, '{}');
      } else {
        await this.machine.markRequestAsSent(share.id, share.type, JSON.stringify(await this.send(share)));
      }
    }
  }

  private async encryptAndSend(text: string): Promise<string> {
    const content = await this.machine.encryptRoomEvent(new W.RoomId(this.roomId), 'm.room.message', JSON.stringify({ msgtype: 'm.text', body: text }));
    const sent = await this.request('PUT', `/rooms/${encodeURIComponent(this.roomId)}/send/m.room.encrypted/${Date.now()}-${Math.random()}`, JSON.parse(content));
    return String(sent.event_id);
  }

  /** Room keys `writeWithoutKey` kept back. */
  private readonly keptBack: { type: number; event_type: string; txn_id: string; body: string }[] = [];

  /** The room key kept back reaches the bot now, late. */
  async deliverKeptBackKey(): Promise<void> {
    for (const share of this.keptBack.splice(0)) await this.send(share);
  }

  /** The bot's messages in the room, decrypted, oldest first (null for one it cannot read). */
  async botMessages(): Promise<(string | null)[]> {
    await this.sync();
    const events = this.server.roomMessages(this.roomId).filter((e) => e.sender === this.server.botUserId);
    for (const event of events) {
      if (this.read.get(event.event_id)) continue;
      this.read.set(event.event_id, await this.decrypt(event));
    }
    return events.map((e) => this.read.get(e.event_id) ?? null);
  }

  private async decrypt(event: FakeEvent): Promise<string | null> {
    if (event.type !== 'm.room.encrypted') return null;
    try {
      const decrypted = await this.machine.decryptRoomEvent(JSON.stringify(event), new W.RoomId(this.roomId), new W.DecryptionSettings(W.TrustRequirement.Untrusted));
      return String((JSON.parse(decrypted.event) as { content: { body?: unknown } }).content.body);
    } catch {
      return null;
    }
  }

  /** Whether the bot's device is signed by its account's self-signing key, as this device sees it. */
  async seesBotCrossSigned(): Promise<boolean> {
    await this.sync();
    await this.machine.updateTrackedUsers([new W.UserId(this.server.botUserId)]);
    await this.sendOutgoing();
    const devices = await this.machine.getUserDevices(new W.UserId(this.server.botUserId));
    return devices.devices().some((device) => device.isCrossSignedByOwner());
  }
}
