/**
 * The end-to-end encryption part of a Matrix homeserver, in memory, following the Client-Server
 * API (https://spec.matrix.org/v1.11/client-server-api/#end-to-end-encryption): device keys,
 * one-time and fallback keys, cross-signing keys and signatures, to-device messages, device
 * list changes and key counts for /sync. Used by the fake homeserver (over HTTP) and by the
 * crypto adapter's own tests (called directly, no server).
 */

type Json = Record<string, unknown>;

interface Device {
  keys: Json | null;
  /** Unclaimed one-time keys, by `algorithm:id`. */
  readonly oneTimeKeys: Map<string, unknown>;
  /** The fallback key, by `algorithm:id`, and whether it was handed out. */
  fallback: { id: string; key: unknown; used: boolean } | null;
  /** To-device messages waiting, with their stream position. */
  readonly inbox: { pos: number; event: Json }[];
  /** Transaction ids of to-device sends already handled. */
  readonly sentTxns: Set<string>;
}

interface CrossSigningKeys {
  master: Json;
  selfSigning: Json;
  userSigning: Json;
}

/** An error answer: status and Matrix errcode. */
export class KeyServerError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    readonly body: Json = {},
  ) {
    super(errcode);
  }
}

/** Who may see whose device list changes: the users sharing a room with them. */
export type SharesRoom = (a: string, b: string) => boolean;

export class MatrixKeyServer {
  private readonly devices = new Map<string, Map<string, Device>>();
  private readonly crossSigning = new Map<string, CrossSigningKeys>();
  /** Position of the last change of each user's keys (devices, cross-signing). */
  private readonly keysChangedAt = new Map<string, number>();
  /** The next password the signing keys' upload needs (user-interactive auth), per user. */
  private readonly passwords = new Map<string, string>();
  /** Every request to the key endpoints, by endpoint, for tests to look at. */
  readonly calls: { endpoint: string; userId: string }[] = [];

  constructor(
    /** The next position in the homeserver's stream (each change takes one). */
    private readonly nextPos: () => number,
    private readonly sharesRoom: SharesRoom = () => true,
    /** Called when something new may be waiting for a /sync long poll. */
    private readonly wake: () => void = () => undefined,
  ) {}

  private device(userId: string, deviceId: string): Device {
    const forUser = this.devices.get(userId) ?? new Map<string, Device>();
    this.devices.set(userId, forUser);
    let device = forUser.get(deviceId);
    if (!device) {
      device = { keys: null, oneTimeKeys: new Map(), fallback: null, inbox: [], sentTxns: new Set() };
      forUser.set(deviceId, device);
    }
    return device;
  }

  private keysChanged(userId: string): void {
    this.keysChangedAt.set(userId, this.nextPos());
    this.wake();
  }

  /** Uploading signing keys will need this password (`m.login.password`), as after a reset. */
  requirePassword(userId: string, password: string): void {
    this.passwords.set(userId, password);
  }

  /** POST /keys/upload */
  upload(userId: string, deviceId: string, body: Json): Json {
    this.calls.push({ endpoint: 'upload', userId });
    const device = this.device(userId, deviceId);
    const deviceKeys = body.device_keys as Json | undefined;
    if (deviceKeys) {
      if (deviceKeys.user_id !== userId || deviceKeys.device_id !== deviceId) throw new KeyServerError(400, 'M_INVALID_PARAM');
      if (device.keys && JSON.stringify((device.keys as { keys: unknown }).keys) !== JSON.stringify(deviceKeys.keys)) {
        // Synapse refuses other identity keys for a device that has some.
        throw new KeyServerError(400, 'M_INVALID_PARAM', { error: 'Device keys already uploaded with other keys' });
      }
      const signatures = (device.keys?.signatures as Record<string, Json> | undefined) ?? {};
      const own = (deviceKeys.signatures as Record<string, Json> | undefined) ?? {};
      device.keys = { ...deviceKeys, signatures: { ...signatures, ...own, [userId]: { ...signatures[userId], ...own[userId] } } };
      this.keysChanged(userId);
    }
    for (const [id, key] of Object.entries((body.one_time_keys as Json | undefined) ?? {})) {
      const known = device.oneTimeKeys.get(id);
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(key)) throw new KeyServerError(400, 'M_INVALID_PARAM', { error: `One time key ${id} already exists` });
      device.oneTimeKeys.set(id, key);
    }
    for (const [id, key] of Object.entries((body.fallback_keys as Json | undefined) ?? {})) device.fallback = { id, key, used: false };
    return { one_time_key_counts: this.oneTimeKeyCounts(userId, deviceId) };
  }

  /** POST /keys/query */
  query(userId: string, body: Json): Json {
    this.calls.push({ endpoint: 'query', userId });
    const wanted = (body.device_keys as Record<string, string[]> | undefined) ?? {};
    const deviceKeys: Record<string, Json> = {};
    const master: Json = {};
    const selfSigning: Json = {};
    const userSigning: Json = {};
    for (const [user, devices] of Object.entries(wanted)) {
      const known = this.devices.get(user) ?? new Map<string, Device>();
      deviceKeys[user] = Object.fromEntries(
        [...known].filter(([id, device]) => device.keys && (devices.length === 0 || devices.includes(id))).map(([id, device]) => [id, device.keys]),
      );
      const keys = this.crossSigning.get(user);
      if (keys) {
        master[user] = keys.master;
        selfSigning[user] = keys.selfSigning;
        if (user === userId) userSigning[user] = keys.userSigning;
      }
    }
    return { device_keys: deviceKeys, master_keys: master, self_signing_keys: selfSigning, user_signing_keys: userSigning, failures: {} };
  }

  /** POST /keys/claim: a one-time key per device, else its fallback key. */
  claim(userId: string, body: Json): Json {
    this.calls.push({ endpoint: 'claim', userId });
    const wanted = (body.one_time_keys as Record<string, Record<string, string>> | undefined) ?? {};
    const claimed: Record<string, Record<string, Json>> = {};
    for (const [user, devices] of Object.entries(wanted)) {
      for (const [deviceId, algorithm] of Object.entries(devices)) {
        const device = this.devices.get(user)?.get(deviceId);
        if (!device) continue;
        const id = [...device.oneTimeKeys.keys()].find((key) => key.startsWith(`${algorithm}:`));
        let key: [string, unknown] | null = null;
        if (id !== undefined) {
          key = [id, device.oneTimeKeys.get(id)];
          device.oneTimeKeys.delete(id);
        } else if (device.fallback?.id.startsWith(`${algorithm}:`)) {
          key = [device.fallback.id, device.fallback.key];
          device.fallback.used = true;
        }
        if (key) (claimed[user] ??= {})[deviceId] = { [key[0]]: key[1] };
      }
    }
    return { one_time_keys: claimed, failures: {} };
  }

  /** PUT /sendToDevice/{type}/{txnId} */
  sendToDevice(userId: string, deviceId: string, type: string, txnId: string, body: Json): Json {
    this.calls.push({ endpoint: 'sendToDevice', userId });
    const sender = this.device(userId, deviceId);
    if (sender.sentTxns.has(txnId)) return {};
    sender.sentTxns.add(txnId);
    for (const [user, byDevice] of Object.entries((body.messages as Record<string, Record<string, Json>> | undefined) ?? {})) {
      for (const [target, content] of Object.entries(byDevice)) {
        const targets = target === '*' ? [...(this.devices.get(user)?.keys() ?? [])] : [target];
        for (const id of targets) this.device(user, id).inbox.push({ pos: this.nextPos(), event: { type, sender: userId, content } });
      }
    }
    this.wake();
    return {};
  }

  /** POST /keys/device_signing/upload, with user-interactive auth when a password was required. */
  uploadSigningKeys(userId: string, body: Json): Json {
    this.calls.push({ endpoint: 'device_signing', userId });
    const password = this.passwords.get(userId);
    if (password !== undefined) {
      const auth = body.auth as { type?: string; password?: string; identifier?: { user?: string }; session?: string } | undefined;
      const uia = { session: 'uia-session', flows: [{ stages: ['m.login.password'] }], params: {} };
      if (!auth) throw new KeyServerError(401, 'M_UNAUTHORIZED', uia);
      if (auth.type !== 'm.login.password' || auth.password !== password || auth.session !== 'uia-session' || !auth.identifier?.user) {
        throw new KeyServerError(401, 'M_FORBIDDEN', { ...uia, errcode: 'M_FORBIDDEN', error: 'Invalid password' });
      }
      this.passwords.delete(userId);
    }
    this.crossSigning.set(userId, { master: body.master_key as Json, selfSigning: body.self_signing_key as Json, userSigning: body.user_signing_key as Json });
    this.keysChanged(userId);
    return {};
  }

  /** POST /keys/signatures/upload: signatures merged into the signed device keys or cross-signing keys. */
  uploadSignatures(userId: string, body: Json): Json {
    this.calls.push({ endpoint: 'signatures', userId });
    for (const [user, byKey] of Object.entries(body as Record<string, Record<string, Json>>)) {
      for (const [keyId, signed] of Object.entries(byKey)) {
        const device = this.devices.get(user)?.get(keyId);
        const keys = this.crossSigning.get(user);
        const target = device?.keys ?? (keys && Object.values(keys.master.keys as Json).includes(keyId) ? keys.master : null);
        if (!target) continue;
        const existing = (target.signatures as Record<string, Json> | undefined) ?? {};
        const added = (signed.signatures as Record<string, Json> | undefined) ?? {};
        for (const [signer, sigs] of Object.entries(added)) existing[signer] = { ...existing[signer], ...sigs };
        target.signatures = existing;
      }
      this.keysChanged(user);
    }
    return { failures: {} };
  }

  /** Whether the user's device carries a signature by the user's self-signing key. */
  isCrossSigned(userId: string, deviceId: string): boolean {
    const selfSigning = this.crossSigning.get(userId)?.selfSigning;
    const device = this.devices.get(userId)?.get(deviceId)?.keys;
    if (!selfSigning || !device) return false;
    const keyIds = Object.keys(selfSigning.keys as Json);
    const signatures = ((device.signatures as Record<string, Json> | undefined) ?? {})[userId] ?? {};
    return keyIds.some((id) => id in signatures);
  }

  /** Whether the device has uploaded identity keys. */
  hasDeviceKeys(userId: string, deviceId: string): boolean {
    return Boolean(this.devices.get(userId)?.get(deviceId)?.keys);
  }

  /** Unclaimed one-time keys of a device, by algorithm (for /sync). */
  oneTimeKeyCounts(userId: string, deviceId: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const id of this.devices.get(userId)?.get(deviceId)?.oneTimeKeys.keys() ?? []) {
      const algorithm = id.slice(0, id.indexOf(':'));
      counts[algorithm] = (counts[algorithm] ?? 0) + 1;
    }
    return counts;
  }

  /** Fallback key algorithms not handed out yet (for /sync). */
  unusedFallbackKeyTypes(userId: string, deviceId: string): string[] {
    const fallback = this.devices.get(userId)?.get(deviceId)?.fallback;
    return fallback && !fallback.used ? [fallback.id.slice(0, fallback.id.indexOf(':'))] : [];
  }

  /**
   * The to-device messages of a device after `since`. Those up to `since` are deleted: a /sync
   * with `since` acknowledges what came before (https://spec.matrix.org/v1.11/client-server-api/#extensions-to-sync-2).
   */
  toDevice(userId: string, deviceId: string, since: number): Json[] {
    const device = this.device(userId, deviceId);
    const kept = device.inbox.filter((m) => m.pos > since);
    device.inbox.splice(0, device.inbox.length, ...kept);
    return kept.map((m) => m.event);
  }

  /** Whether anything for the device's /sync is newer than `since`. */
  hasNews(userId: string, deviceId: string, since: number): boolean {
    return this.toDevice(userId, deviceId, since).length > 0 || this.changedUsers(userId, since).length > 0;
  }

  /** Users sharing a room with `userId` whose keys changed after `since` (the user too). */
  changedUsers(userId: string, since: number): string[] {
    return [...this.keysChangedAt].filter(([user, pos]) => pos > since && (user === userId || this.sharesRoom(userId, user))).map(([user]) => user);
  }
}
