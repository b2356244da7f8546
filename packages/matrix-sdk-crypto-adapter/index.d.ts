/**
 * The API of `@matrix-org/matrix-sdk-crypto-nodejs` 0.1.0-beta.6 that matrix-bot-sdk 0.7.1 uses,
 * implemented over `@matrix-org/matrix-sdk-crypto-wasm` (see index.js for the differences bridged),
 * plus what Parlons needs besides: cross-signing requests, `whenIdle`, `reopen`, DecryptionError.
 */

/** Request types, numbered as in both bindings. */
export declare const RequestType: {
  readonly KeysUpload: 0;
  readonly KeysQuery: 1;
  readonly KeysClaim: 2;
  readonly ToDevice: 3;
  readonly SignatureUpload: 4;
  readonly RoomMessage: 5;
  readonly KeysBackup: 6;
};
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

/** Accepted and ignored: the store is IndexedDB. */
export declare const StoreType: { readonly Sled: 0; readonly Sqlite: 1 };
export type StoreType = (typeof StoreType)[keyof typeof StoreType];

export declare const EncryptionAlgorithm: { readonly OlmV1Curve25519AesSha2: 0; readonly MegolmV1AesSha2: 1 };
export type EncryptionAlgorithm = (typeof EncryptionAlgorithm)[keyof typeof EncryptionAlgorithm];

export declare const HistoryVisibility: { readonly Invited: 0; readonly Joined: 1; readonly Shared: 2; readonly WorldReadable: 3 };
export type HistoryVisibility = (typeof HistoryVisibility)[keyof typeof HistoryVisibility];

/** Why a room event could not be decrypted. */
export declare const DecryptionErrorCode: {
  readonly MissingRoomKey: 'MissingRoomKey';
  readonly UnknownMessageIndex: 'UnknownMessageIndex';
  readonly MismatchedIdentityKeys: 'MismatchedIdentityKeys';
  readonly UnknownSenderDevice: 'UnknownSenderDevice';
  readonly UnsignedSenderDevice: 'UnsignedSenderDevice';
  readonly SenderIdentityVerificationViolation: 'SenderIdentityVerificationViolation';
  readonly UnableToDecrypt: 'UnableToDecrypt';
  readonly MismatchedSender: 'MismatchedSender';
};
export type DecryptionErrorCode = (typeof DecryptionErrorCode)[keyof typeof DecryptionErrorCode];

/** A failed decryption of a room event. */
export declare class DecryptionError extends Error {
  readonly code: DecryptionErrorCode;
  readonly description: string;
  /** The sender's reason for not sharing the key, when they said so. */
  readonly withheldCode: string | null;
}

export declare class UserId {
  constructor(id: string);
  readonly localpart: string;
  clone(): UserId;
  toString(): string;
}

export declare class DeviceId {
  constructor(id: string);
  toString(): string;
}

export declare class RoomId {
  constructor(id: string);
  toString(): string;
}

export declare class DeviceLists {
  constructor(changed?: UserId[] | null, left?: UserId[] | null);
  readonly changed: UserId[];
  readonly left: UserId[];
  isEmpty(): boolean;
}

export declare class EncryptionSettings {
  constructor();
  algorithm: EncryptionAlgorithm;
  /** In milliseconds, as matrix-bot-sdk 0.7.1 passes it (the nodejs binding says microseconds). */
  rotationPeriod: bigint;
  rotationPeriodMessages: bigint;
  historyVisibility: HistoryVisibility;
  onlyAllowTrustedDevices: boolean;
}

/** A request to send; `body` is JSON (a to-device body holds `txn_id`, `event_type` and `messages`). */
export interface OutgoingRequest {
  readonly id: string;
  readonly type: RequestType;
  readonly body: string;
}

export interface DecryptedRoomEvent {
  /** The decrypted event, as JSON. */
  readonly event: string;
  readonly sender: UserId;
  readonly senderDevice: DeviceId | undefined;
  readonly senderCurve25519Key: string;
  readonly senderClaimedEd25519Key: string | undefined;
  readonly forwardingCurve25519KeyChain: string[];
}

export interface CrossSigningStatus {
  readonly hasMaster: boolean;
  readonly hasSelfSigning: boolean;
  readonly hasUserSigning: boolean;
}

/** What publishes a new cross-signing identity: the signing keys (may need user-interactive auth), then the device's signature. */
export interface CrossSigningBootstrapRequests {
  /** The device's own keys, when they are not uploaded yet. */
  readonly uploadKeysRequest: OutgoingRequest | null;
  /** For `POST /keys/device_signing/upload`. */
  readonly uploadSigningKeysRequest: { readonly body: string };
  /** For `POST /keys/signatures/upload`. */
  readonly uploadSignaturesRequest: OutgoingRequest;
}

export interface MaybeSignature {
  readonly isValid: boolean;
  readonly isInvalid: boolean;
  readonly signature: { toBase64(): string } | undefined;
  readonly invalidSignatureSource: string | undefined;
}

export declare class Signatures {
  private constructor();
  get(signer: UserId): Record<string, MaybeSignature> | undefined;
  readonly isEmpty: boolean;
  readonly count: number;
}

export declare class EncryptedAttachment {
  constructor(encryptedData: Uint8Array, mediaEncryptionInfo: string);
  readonly encryptedData: Uint8Array;
  readonly mediaEncryptionInfo: string;
}

export declare class Attachment {
  private constructor();
  static encrypt(data: Uint8Array): EncryptedAttachment;
  static decrypt(attachment: EncryptedAttachment): Uint8Array;
}

export declare class OlmMachine {
  private constructor();
  /** `storePath` names the IndexedDB store (`globalThis.indexedDB` must exist); without it, keys live in memory. */
  static initialize(userId: UserId, deviceId: DeviceId, storePath?: string | null, storePassphrase?: string | null, storeType?: StoreType | null): Promise<OlmMachine>;
  readonly userId: UserId;
  readonly deviceId: DeviceId;
  readonly identityKeys: { readonly curve25519: { toBase64(): string }; readonly ed25519: { toBase64(): string } };
  /** Returns the decrypted and plain to-device events, as a JSON array. */
  receiveSyncChanges(toDeviceEvents: string, changedDevices: DeviceLists, oneTimeKeyCounts: Record<string, number>, unusedFallbackKeys: string[]): Promise<string>;
  /** Only the types matrix-bot-sdk sends: keys upload, query, claim, to-device. */
  outgoingRequests(): Promise<OutgoingRequest[]>;
  markRequestAsSent(requestId: string, requestType: RequestType, response: string): Promise<boolean>;
  getMissingSessions(users?: UserId[] | null): Promise<OutgoingRequest | null>;
  updateTrackedUsers(users: UserId[]): Promise<void>;
  /** A JSON array of `{txn_id, event_type, messages}`. */
  shareRoomKey(roomId: RoomId, users: UserId[], encryptionSettings: EncryptionSettings): Promise<string>;
  /** The `m.room.encrypted` content, as JSON. */
  encryptRoomEvent(roomId: RoomId, eventType: string, content: string): Promise<string>;
  /** Throws a DecryptionError. */
  decryptRoomEvent(event: string, roomId: RoomId): Promise<DecryptedRoomEvent>;
  crossSigningStatus(): Promise<CrossSigningStatus>;
  /** Unlike the nodejs binding (which returns nothing), returns the requests that publish the keys. */
  bootstrapCrossSigning(reset: boolean): Promise<CrossSigningBootstrapRequests>;
  sign(message: string): Promise<Signatures>;
  /** Resolves when no call is under way. */
  whenIdle(): Promise<void>;
  /** Closes and opens the machine again on its store (its caches dropped); calls wait meanwhile. */
  reopen(): Promise<void>;
  close(): void;
}
