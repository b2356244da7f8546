/** The device the kept crypto state belongs to, and how its passphrase opens it. */
export interface CryptoAccount {
  readonly userId: string;
  readonly deviceId: string;
  /** The key derivation, as JSON (see RecordSealer). */
  readonly kdf: string;
  readonly keyCheck: Buffer;
  /** When the device was cross-signed by its account; null until then. */
  readonly crossSignedAt: string | null;
}

/** One sealed record of the crypto machine's store. */
export interface SealedRecord {
  readonly id: Buffer;
  readonly sealed: Buffer;
}

/** Records to write and records to delete, saved together. */
export interface RecordChanges {
  readonly upserts: readonly SealedRecord[];
  readonly deletes: readonly Buffer[];
}

/** A room's `m.room.encryption` settings (https://spec.matrix.org/v1.11/client-server-api/#mroomencryption). */
export interface RoomEncryption {
  readonly algorithm: string;
  readonly rotationPeriodMs: number | null;
  readonly rotationPeriodMsgs: number | null;
  readonly historyVisibility: string | null;
}

/** A message whose key has not come (yet): ciphertext only. */
export interface WaitingMessage {
  readonly eventId: string;
  readonly roomId: string;
  readonly sender: string;
  /** The Megolm session that encrypted it: the key that is missing. */
  readonly sessionId: string;
  /** The `m.room.encrypted` event, as JSON. */
  readonly event: string;
  readonly receivedAt: string;
  readonly answeredAt: string | null;
}

/**
 * What end-to-end encryption keeps across restarts (the application gives a database-backed
 * one: the store's matrix crypto repo, which has this shape). Calls are synchronous and each is
 * one transaction.
 */
export interface MatrixCryptoStorage {
  cryptoAccount(): CryptoAccount | null;
  /** A new device: the account row replaced, every record of the former device deleted. */
  startCryptoAccount(account: CryptoAccount, createdAt: string): void;
  markCrossSigned(at: string): void;
  cryptoRecords(): SealedRecord[];
  /**
   * Saves record changes and, when given, the sync position, in ONE transaction: a restart never
   * starts after events whose keys were not kept.
   */
  saveCryptoChanges(changes: RecordChanges, syncToken: string | null): void;
  roomEncryption(roomId: string): RoomEncryption | null;
  saveRoomEncryption(roomId: string, encryption: RoomEncryption): void;
  /** Keeps a message waiting for its key (once: a redelivery changes nothing). */
  addWaiting(message: Omit<WaitingMessage, 'answeredAt'>): void;
  /** Every waiting message, oldest first. */
  waiting(): WaitingMessage[];
  removeWaiting(eventId: string): void;
  markWaitingAnswered(eventIds: readonly string[], at: string): void;
  /** Rooms of erased people whose keys are to be forgotten. */
  roomsToForget(): { readonly roomId: string; readonly userId: string }[];
  /** The room's keys are forgotten: the record changes and the end of the request, in one transaction. */
  roomForgotten(roomId: string, changes: RecordChanges): void;
}
