'use strict';
// @ts-check
/**
 * The API of `@matrix-org/matrix-sdk-crypto-nodejs` 0.1.0-beta.6, as matrix-bot-sdk 0.7.1 calls it
 * (lib/e2ee/CryptoClient.js, RustEngine.js), implemented over `@matrix-org/matrix-sdk-crypto-wasm`
 * 18.9.0: the same Rust engine, compiled to WebAssembly, with no native binary to download.
 *
 * Where the two bindings differ, this file bridges them (each place says so in a NOTE):
 * - identifiers: the WASM side frees (takes ownership of) the `UserId`s it is given, while
 *   bot-sdk reuses one member list for several calls; ours hold a string and make a fresh WASM
 *   identifier for every call;
 * - `receiveSyncChanges` wants a `Map` of one-time-key counts and a `Set` of fallback key types
 *   and returns objects, where bot-sdk gives plain objects and arrays and reads a JSON string;
 * - `decryptRoomEvent` needs `DecryptionSettings`;
 * - to-device requests (from `outgoingRequests` and `shareRoomKey`) carry only `messages` in
 *   their body on the WASM side, where bot-sdk reads `{txn_id, event_type, messages}`;
 * - `sign()` returns `Map`s, bot-sdk reads plain objects with `isValid` and `signature` fields;
 * - the key rotation period, which bot-sdk passes in milliseconds (see EncryptionSettings).
 *
 * The WASM module is loaded on first use, not when matrix-bot-sdk loads this package: a Parlons
 * without Matrix encryption never pays for it.
 */

/** @typedef {typeof import('@matrix-org/matrix-sdk-crypto-wasm', { with: { 'resolution-mode': 'import' } })} Wasm */
/** @typedef {InstanceType<Wasm['UserId']>} WasmUserId */
/** @typedef {InstanceType<Wasm['DeviceId']>} WasmDeviceId */
/** @typedef {InstanceType<Wasm['RoomId']>} WasmRoomId */
/** @typedef {InstanceType<Wasm['OlmMachine']>} WasmOlmMachine */
/** @typedef {InstanceType<Wasm['Signatures']>} WasmSignatures */

/** @type {Wasm | null} */
let loaded = null;

/**
 * NOTE: the package's `require` entry (node.cjs) is CommonJS, but its types are declared as an
 * ES module; naming it through a variable keeps TypeScript from refusing the `require`.
 */
const WASM_PACKAGE = '@matrix-org/matrix-sdk-crypto-wasm';

/** @returns {Wasm} */
function wasm() {
  loaded ??= /** @type {Wasm} */ (require(WASM_PACKAGE));
  return loaded;
}

/** The request types, numbered as in both bindings. */
const RequestType = Object.freeze({ KeysUpload: 0, KeysQuery: 1, KeysClaim: 2, ToDevice: 3, SignatureUpload: 4, RoomMessage: 5, KeysBackup: 6 });

/** Accepted and ignored: the store is IndexedDB (whatever `globalThis.indexedDB` is). */
const StoreType = Object.freeze({ Sled: 0, Sqlite: 1 });

/** Room encryption algorithms, numbered as in both bindings. */
const EncryptionAlgorithm = Object.freeze({ OlmV1Curve25519AesSha2: 0, MegolmV1AesSha2: 1 });

/** History visibility, numbered as in both bindings. */
const HistoryVisibility = Object.freeze({ Invited: 0, Joined: 1, Shared: 2, WorldReadable: 3 });

/** Why a room event could not be decrypted (the WASM binding's `DecryptionErrorCode`, by name). */
const DecryptionErrorCode = Object.freeze({
  MissingRoomKey: 'MissingRoomKey',
  UnknownMessageIndex: 'UnknownMessageIndex',
  MismatchedIdentityKeys: 'MismatchedIdentityKeys',
  UnknownSenderDevice: 'UnknownSenderDevice',
  UnsignedSenderDevice: 'UnsignedSenderDevice',
  SenderIdentityVerificationViolation: 'SenderIdentityVerificationViolation',
  UnableToDecrypt: 'UnableToDecrypt',
  MismatchedSender: 'MismatchedSender',
});

/** A Matrix identifier kept as a string, checked by the WASM parser when made. */
class Identifier {
  /**
   * @param {string} id
   * @param {'UserId' | 'DeviceId' | 'RoomId'} kind
   */
  constructor(id, kind) {
    this.id = String(id);
    // Parsing throws for an invalid identifier, as the nodejs binding's constructor does.
    this.toWasm(kind).free();
  }

  /**
   * NOTE: a fresh WASM object each time: WASM functions free the identifiers passed to them.
   * @param {'UserId' | 'DeviceId' | 'RoomId'} kind
   */
  toWasm(kind) {
    const Class = wasm()[kind];
    return new Class(this.id);
  }

  toString() {
    return this.id;
  }
}

class UserId extends Identifier {
  /** @param {string} id */
  constructor(id) {
    super(id, 'UserId');
  }

  /** @returns {WasmUserId} */
  wasm() {
    return /** @type {WasmUserId} */ (this.toWasm('UserId'));
  }

  get localpart() {
    return this.id.slice(1, this.id.indexOf(':'));
  }

  clone() {
    return new UserId(this.id);
  }
}

class DeviceId extends Identifier {
  /** @param {string} id */
  constructor(id) {
    super(id, 'DeviceId');
  }

  /** @returns {WasmDeviceId} */
  wasm() {
    return /** @type {WasmDeviceId} */ (this.toWasm('DeviceId'));
  }
}

class RoomId extends Identifier {
  /** @param {string} id */
  constructor(id) {
    super(id, 'RoomId');
  }

  /** @returns {WasmRoomId} */
  wasm() {
    return /** @type {WasmRoomId} */ (this.toWasm('RoomId'));
  }
}

/** @param {readonly UserId[] | null | undefined} users */
function wasmUsers(users) {
  return (users ?? []).map((user) => user.wasm());
}

/** The users whose device lists changed, or that we no longer share a room with, from /sync. */
class DeviceLists {
  /**
   * @param {UserId[] | null} [changed]
   * @param {UserId[] | null} [left]
   */
  constructor(changed, left) {
    this.changed = [...(changed ?? [])];
    this.left = [...(left ?? [])];
  }

  isEmpty() {
    return this.changed.length === 0 && this.left.length === 0;
  }

  wasm() {
    return new (wasm().DeviceLists)(wasmUsers(this.changed), wasmUsers(this.left));
  }
}

const WEEK_MS = 7n * 24n * 60n * 60n * 1000n;

/** How a room's group session is made and rotated. */
class EncryptionSettings {
  constructor() {
    this.algorithm = EncryptionAlgorithm.MegolmV1AesSha2;
    /**
     * NOTE: in MILLISECONDS. The nodejs binding documents microseconds, but matrix-bot-sdk 0.7.1
     * (RustEngine.prepareEncrypt) passes `EncryptionEvent.rotationPeriodMs`: read as
     * microseconds, a week would rotate the session every ten minutes. bot-sdk is this
     * adapter's only caller, so the adapter reads what bot-sdk means.
     * @type {bigint}
     */
    this.rotationPeriod = WEEK_MS;
    /** @type {bigint} */
    this.rotationPeriodMessages = 100n;
    this.historyVisibility = HistoryVisibility.Shared;
    this.onlyAllowTrustedDevices = false;
  }

  wasm() {
    const w = wasm();
    const settings = new w.EncryptionSettings();
    settings.algorithm = /** @type {number} */ (this.algorithm) === EncryptionAlgorithm.OlmV1Curve25519AesSha2 ? w.EncryptionAlgorithm.OlmV1Curve25519AesSha2 : w.EncryptionAlgorithm.MegolmV1AesSha2;
    settings.rotationPeriod = BigInt(this.rotationPeriod) * 1000n;
    settings.rotationPeriodMessages = BigInt(this.rotationPeriodMessages);
    settings.historyVisibility = this.historyVisibility;
    settings.sharingStrategy = w.CollectStrategy.deviceBasedStrategy(this.onlyAllowTrustedDevices, false);
    return settings;
  }
}

/** A failed decryption of a room event; `code` says why (a DecryptionErrorCode). */
class DecryptionError extends Error {
  /**
   * @param {string} code
   * @param {string} description
   * @param {string | null} withheldCode
   */
  constructor(code, description, withheldCode) {
    super(`${code}: ${description}`);
    this.name = 'DecryptionError';
    this.code = code;
    this.description = description;
    /** The sender's reason for not sharing the key (`m.unverified`…), when they said so. */
    this.withheldCode = withheldCode;
  }
}

/**
 * The WASM binding rejects with a MegolmDecryptionError object, not an Error.
 * @param {unknown} error
 */
function decryptionError(error) {
  const failure = /** @type {{ code?: unknown; description?: unknown; withheldCode?: unknown }} */ (error);
  if (error instanceof Error || typeof failure?.code !== 'number') return error;
  const names = /** @type {Record<number, string>} */ (wasm().DecryptionErrorCode);
  return new DecryptionError(names[failure.code] ?? DecryptionErrorCode.UnableToDecrypt, String(failure.description ?? ''), typeof failure.withheldCode === 'string' ? failure.withheldCode : null);
}

/**
 * A request to send, as bot-sdk reads it: `body` is a JSON string; a to-device request's body
 * holds `txn_id`, `event_type` and `messages`.
 * NOTE: `txn_id` is the WASM request id, which is what markRequestAsSent expects back (bot-sdk
 * sends it with its own transaction id and marks the request with this one).
 * @param {{ id?: string; type: number; body: string; event_type?: string }} request
 */
function plainRequest(request) {
  const id = request.id ?? '';
  if (request.type !== RequestType.ToDevice) return { id, type: request.type, body: request.body };
  const { messages } = JSON.parse(request.body);
  return { id, type: request.type, body: JSON.stringify({ txn_id: id, event_type: request.event_type, messages }) };
}

/** The request types bot-sdk's RustEngine can send; it throws on any other. */
const TYPES_BOT_SDK_SENDS = new Set(/** @type {number[]} */ ([RequestType.KeysUpload, RequestType.KeysQuery, RequestType.KeysClaim, RequestType.ToDevice]));

/**
 * The signatures of a signed message, as bot-sdk reads them: `get(user)` gives a plain object
 * with, per key id, `{ isValid, isInvalid, signature: { toBase64() } }` (the WASM side gives a `Map`
 * of objects whose `isValid` is a method).
 */
class Signatures {
  /** @param {WasmSignatures} inner */
  constructor(inner) {
    this.inner = inner;
  }

  /** @param {UserId} signer */
  get(signer) {
    const bySigner = this.inner.get(signer.wasm());
    if (!bySigner) return undefined;
    return Object.fromEntries(
      [...bySigner].map(([keyId, maybe]) => {
        const signature = maybe.signature?.toBase64();
        return [
          keyId,
          {
            isValid: maybe.isValid(),
            isInvalid: maybe.isInvalid(),
            signature: signature === undefined ? undefined : { toBase64: () => signature },
            invalidSignatureSource: maybe.invalidSignatureSource,
          },
        ];
      }),
    );
  }

  get isEmpty() {
    return this.inner.isEmpty();
  }

  get count() {
    return this.inner.count;
  }
}

/** An encrypted file and the JSON that lets its recipient decrypt it. */
class EncryptedAttachment {
  /**
   * @param {Uint8Array} encryptedData
   * @param {string} mediaEncryptionInfo
   */
  constructor(encryptedData, mediaEncryptionInfo) {
    this.encryptedData = encryptedData;
    this.mediaEncryptionInfo = mediaEncryptionInfo;
  }
}

/** Encrypts and decrypts files (AES-CTR with a SHA-256 hash, as the spec says). */
class Attachment {
  /** @param {Uint8Array} data */
  static encrypt(data) {
    const encrypted = wasm().Attachment.encrypt(Uint8Array.from(data));
    return new EncryptedAttachment(encrypted.encryptedData, encrypted.mediaEncryptionInfo ?? '');
  }

  /** @param {EncryptedAttachment} attachment */
  static decrypt(attachment) {
    return wasm().Attachment.decrypt(new (wasm().EncryptedAttachment)(Uint8Array.from(attachment.encryptedData), attachment.mediaEncryptionInfo));
  }
}

/**
 * The Olm/Megolm state machine. Besides the nodejs binding's methods, it can wait until no call
 * is under way (`whenIdle`, so that a snapshot of its store is never half a transaction) and
 * reopen its store (`reopen`, so that records deleted from the store are dropped from its caches too).
 */
class OlmMachine {
  /**
   * @param {WasmOlmMachine} inner
   * @param {{ userId: UserId; deviceId: DeviceId; storeName: string | undefined; passphrase: string | undefined }} opened
   */
  constructor(inner, opened) {
    if (!inner) throw new Error('To build an OlmMachine, use OlmMachine.initialize');
    this.inner = inner;
    this.opened = opened;
    this.inFlight = 0;
    /** @type {(() => void)[]} */
    this.idleWaiters = [];
    /** @type {Promise<void> | null} */
    this.reopening = null;
  }

  /**
   * Opens the machine of a device. `storePath` names the IndexedDB store (`globalThis.indexedDB`
   * must exist); without it the keys live in memory only. `storeType` is ignored.
   * @param {UserId} userId
   * @param {DeviceId} deviceId
   * @param {string | null} [storePath]
   * @param {string | null} [storePassphrase]
   * @param {number | null} [_storeType]
   */
  static async initialize(userId, deviceId, storePath, storePassphrase, _storeType) {
    const opened = { userId: userId.clone(), deviceId: new DeviceId(deviceId.toString()), storeName: storePath || undefined, passphrase: storePassphrase || undefined };
    return new OlmMachine(await OlmMachine.open(opened), opened);
  }

  /** @param {{ userId: UserId; deviceId: DeviceId; storeName: string | undefined; passphrase: string | undefined }} opened */
  static open(opened) {
    return wasm().OlmMachine.initialize(opened.userId.wasm(), opened.deviceId.wasm(), opened.storeName, opened.passphrase);
  }

  /**
   * Runs one call on the WASM machine, counted for `whenIdle`, after any reopening.
   * @template T
   * @param {(inner: WasmOlmMachine) => Promise<T> | T} call
   * @returns {Promise<T>}
   */
  async run(call) {
    while (this.reopening) await this.reopening;
    this.inFlight += 1;
    try {
      return await call(this.inner);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Resolves when no call is under way (at once if none is). */
  whenIdle() {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(() => resolve(undefined)));
  }

  /** Closes and opens the machine again on its store, once the calls under way are done; calls made meanwhile wait. */
  async reopen() {
    while (this.reopening) await this.reopening;
    const done = (async () => {
      await this.whenIdle();
      this.inner.close();
      this.inner = await OlmMachine.open(this.opened);
    })();
    this.reopening = done;
    try {
      await done;
    } finally {
      this.reopening = null;
    }
  }

  get userId() {
    return this.opened.userId.clone();
  }

  get deviceId() {
    return new DeviceId(this.opened.deviceId.toString());
  }

  get identityKeys() {
    const keys = this.inner.identityKeys;
    const curve25519 = keys.curve25519.toBase64();
    const ed25519 = keys.ed25519.toBase64();
    return { curve25519: { toBase64: () => curve25519 }, ed25519: { toBase64: () => ed25519 } };
  }

  /**
   * Handles the encryption part of a /sync answer; returns the decrypted (and plain) to-device
   * events, as a JSON array.
   * @param {string} toDeviceEvents the to-device events, a JSON array
   * @param {DeviceLists} changedDevices
   * @param {Record<string, number>} oneTimeKeyCounts
   * @param {string[]} unusedFallbackKeys
   */
  async receiveSyncChanges(toDeviceEvents, changedDevices, oneTimeKeyCounts, unusedFallbackKeys) {
    const w = wasm();
    const processed = await this.run((inner) =>
      inner.receiveSyncChanges(
        toDeviceEvents,
        changedDevices.wasm(),
        new Map(Object.entries(oneTimeKeyCounts ?? {})),
        new Set(unusedFallbackKeys ?? []),
        new w.DecryptionSettings(w.TrustRequirement.Untrusted),
      ),
    );
    const kept = [w.ProcessedToDeviceEventType.Decrypted, w.ProcessedToDeviceEventType.PlainText];
    const events = processed.filter((event) => kept.includes(event.type)).map((event) => JSON.parse(event.rawEvent));
    for (const event of processed) event.free();
    return JSON.stringify(events);
  }

  /** The requests the machine needs sent (keys to upload or query, sessions to claim, to-device messages). */
  async outgoingRequests() {
    const requests = await this.run((inner) => inner.outgoingRequests());
    // NOTE: bot-sdk's RustEngine throws on any other type (signature uploads, room messages,
    // backups), which would stop every later request; those only come from features Parlons
    // does not use (verification, key backup). Cross-signing sends its own: bootstrapCrossSigning.
    return requests.filter((request) => TYPES_BOT_SDK_SENDS.has(request.type)).map((request) => plainRequest(request));
  }

  /**
   * @param {string} requestId
   * @param {0 | 1 | 2 | 3 | 4 | 5 | 6} requestType
   * @param {string} response the homeserver's answer, as JSON
   */
  async markRequestAsSent(requestId, requestType, response) {
    return this.run((inner) => inner.markRequestAsSent(requestId, requestType, response));
  }

  /** @param {UserId[] | null} [users] */
  async getMissingSessions(users) {
    const request = await this.run((inner) => inner.getMissingSessions(wasmUsers(users)));
    return request ? plainRequest(request) : null;
  }

  /** @param {UserId[]} users */
  async updateTrackedUsers(users) {
    await this.run((inner) => inner.updateTrackedUsers(wasmUsers(users)));
  }

  /**
   * The to-device messages that give a room's key to its members' devices, as a JSON array of
   * `{txn_id, event_type, messages}`.
   * @param {RoomId} roomId
   * @param {UserId[]} users
   * @param {EncryptionSettings} encryptionSettings
   */
  async shareRoomKey(roomId, users, encryptionSettings) {
    const requests = await this.run((inner) => inner.shareRoomKey(roomId.wasm(), wasmUsers(users), encryptionSettings.wasm()));
    return JSON.stringify(requests.map((request) => JSON.parse(plainRequest(request).body)));
  }

  /**
   * @param {RoomId} roomId
   * @param {string} eventType
   * @param {string} content JSON
   * @returns {Promise<string>} the `m.room.encrypted` content, as JSON
   */
  async encryptRoomEvent(roomId, eventType, content) {
    return this.run((inner) => inner.encryptRoomEvent(roomId.wasm(), eventType, content));
  }

  /**
   * Decrypts a room event (senders' devices need not be verified). Throws a DecryptionError.
   * @param {string} event the `m.room.encrypted` event, as JSON
   * @param {RoomId} roomId
   */
  async decryptRoomEvent(event, roomId) {
    const w = wasm();
    let decrypted;
    try {
      decrypted = await this.run((inner) => inner.decryptRoomEvent(event, roomId.wasm(), new w.DecryptionSettings(w.TrustRequirement.Untrusted)));
    } catch (error) {
      throw decryptionError(error);
    }
    const result = {
      event: decrypted.event,
      sender: new UserId(decrypted.sender.toString()),
      senderDevice: decrypted.senderDevice ? new DeviceId(decrypted.senderDevice.toString()) : undefined,
      senderCurve25519Key: decrypted.senderCurve25519Key,
      senderClaimedEd25519Key: decrypted.senderClaimedEd25519Key,
      forwardingCurve25519KeyChain: decrypted.forwardingCurve25519KeyChain,
    };
    decrypted.free();
    return result;
  }

  /** Which private cross-signing keys the machine holds. */
  async crossSigningStatus() {
    const status = await this.run((inner) => inner.crossSigningStatus());
    const result = { hasMaster: status.hasMaster, hasSelfSigning: status.hasSelfSigning, hasUserSigning: status.hasUserSigning };
    status.free();
    return result;
  }

  /**
   * Creates the account's cross-signing keys (`reset`: new ones; else the existing ones again)
   * and returns the requests that publish them and sign this device with them.
   * NOTE: the nodejs binding returns nothing (the requests are lost: cross-signing could never
   * be published through it); this adapter returns them. `uploadKeysRequest` is set while the
   * device's own keys are not uploaded yet. The signing keys' upload may need user-interactive auth.
   * @param {boolean} reset
   */
  async bootstrapCrossSigning(reset) {
    const requests = await this.run((inner) => inner.bootstrapCrossSigning(reset));
    const upload = requests.uploadKeysRequest;
    const result = {
      uploadKeysRequest: upload ? plainRequest(upload) : null,
      uploadSigningKeysRequest: { body: requests.uploadSigningKeysRequest.body },
      uploadSignaturesRequest: plainRequest(requests.uploadSignaturesRequest),
    };
    requests.free();
    return result;
  }

  /**
   * Signs a message with the device key (and the master key, when the machine holds it).
   * @param {string} message
   */
  async sign(message) {
    return new Signatures(await this.run((inner) => inner.sign(message)));
  }

  /** Closes the machine; it cannot be used afterwards. */
  close() {
    this.inner.close();
  }
}

module.exports = {
  Attachment,
  DecryptionError,
  DecryptionErrorCode,
  DeviceId,
  DeviceLists,
  EncryptedAttachment,
  EncryptionAlgorithm,
  EncryptionSettings,
  HistoryVisibility,
  OlmMachine,
  RequestType,
  RoomId,
  Signatures,
  StoreType,
  UserId,
};
