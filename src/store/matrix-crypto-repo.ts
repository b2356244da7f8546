import type { Db } from './database';
import type { MatrixStateRepo } from './matrix-state-repo';

/** The device the kept crypto state belongs to (see migration 016). */
export interface MatrixCryptoAccountRow {
  readonly userId: string;
  readonly deviceId: string;
  readonly kdf: string;
  readonly keyCheck: Buffer;
  readonly crossSignedAt: string | null;
}

/** Sealed crypto records to write and to delete. */
export interface MatrixCryptoRecordChanges {
  readonly upserts: readonly { readonly id: Buffer; readonly sealed: Buffer }[];
  readonly deletes: readonly Buffer[];
}

/** A room's encryption settings. */
export interface MatrixRoomEncryptionRow {
  readonly algorithm: string;
  readonly rotationPeriodMs: number | null;
  readonly rotationPeriodMsgs: number | null;
  readonly historyVisibility: string | null;
}

/** A message waiting for its key. */
export interface MatrixWaitingRow {
  readonly eventId: string;
  readonly roomId: string;
  readonly sender: string;
  readonly sessionId: string;
  readonly event: string;
  readonly receivedAt: string;
  readonly answeredAt: string | null;
}

/**
 * The Matrix channel's end-to-end encryption state. Its shape is the channel's
 * `MatrixCryptoStorage`, which the application hands this repo as; the store does not import
 * channel code. Every method is one transaction.
 */
export interface MatrixCryptoRepo {
  cryptoAccount(): MatrixCryptoAccountRow | null;
  startCryptoAccount(account: MatrixCryptoAccountRow, createdAt: string): void;
  markCrossSigned(at: string): void;
  cryptoRecords(): { id: Buffer; sealed: Buffer }[];
  saveCryptoChanges(changes: MatrixCryptoRecordChanges, syncToken: string | null): void;
  roomEncryption(roomId: string): MatrixRoomEncryptionRow | null;
  saveRoomEncryption(roomId: string, encryption: MatrixRoomEncryptionRow): void;
  addWaiting(message: Omit<MatrixWaitingRow, 'answeredAt'>): void;
  waiting(): MatrixWaitingRow[];
  removeWaiting(eventId: string): void;
  markWaitingAnswered(eventIds: readonly string[], at: string): void;
  /** Forgets messages that waited for their key since before `before`; returns how many. */
  pruneWaiting(before: Date): number;
  roomsToForget(): { roomId: string; userId: string }[];
  roomForgotten(roomId: string, changes: MatrixCryptoRecordChanges): void;
  /** Sizes of the kept crypto state: records and bytes (for `stats` and the benchmark). */
  cryptoStateSize(): { records: number; bytes: number };
}

/** MatrixCryptoRepo on SQLite; the sync position is the Matrix state repo's. */
export class SqliteMatrixCryptoRepo implements MatrixCryptoRepo {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly syncPosition: Pick<MatrixStateRepo, 'saveSyncToken'>,
  ) {
    this.statements = {
      account: db.prepare<[], { user_id: string; device_id: string; kdf: string; key_check: Buffer; cross_signed_at: string | null }>(
        'SELECT user_id, device_id, kdf, key_check, cross_signed_at FROM matrix_crypto_account WHERE id = 1',
      ),
      deleteAccount: db.prepare<[]>('DELETE FROM matrix_crypto_account'),
      deleteRecords: db.prepare<[]>('DELETE FROM matrix_crypto_record'),
      insertAccount: db.prepare<{ user: string; device: string; kdf: string; check: Buffer; crossSigned: string | null; at: string }>(
        `INSERT INTO matrix_crypto_account (id, user_id, device_id, kdf, key_check, cross_signed_at, created_at)
         VALUES (1, @user, @device, @kdf, @check, @crossSigned, @at)`,
      ),
      crossSigned: db.prepare<{ at: string }>('UPDATE matrix_crypto_account SET cross_signed_at = @at WHERE id = 1'),
      records: db.prepare<[], { id: Buffer; sealed: Buffer }>('SELECT id, sealed FROM matrix_crypto_record'),
      upsert: db.prepare<{ id: Buffer; sealed: Buffer }>('INSERT INTO matrix_crypto_record (id, sealed) VALUES (@id, @sealed) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed'),
      delete: db.prepare<{ id: Buffer }>('DELETE FROM matrix_crypto_record WHERE id = @id'),
      roomEncryption: db.prepare<{ room: string }, { algorithm: string; rotation_period_ms: number | null; rotation_period_msgs: number | null; history_visibility: string | null }>(
        'SELECT algorithm, rotation_period_ms, rotation_period_msgs, history_visibility FROM matrix_room_encryption WHERE room_id = @room',
      ),
      saveRoomEncryption: db.prepare<{ room: string; algorithm: string; ms: number | null; msgs: number | null; visibility: string | null }>(
        `INSERT INTO matrix_room_encryption (room_id, algorithm, rotation_period_ms, rotation_period_msgs, history_visibility)
         VALUES (@room, @algorithm, @ms, @msgs, @visibility)
         ON CONFLICT (room_id) DO UPDATE SET algorithm = excluded.algorithm, rotation_period_ms = excluded.rotation_period_ms,
           rotation_period_msgs = excluded.rotation_period_msgs, history_visibility = excluded.history_visibility`,
      ),
      addWaiting: db.prepare<{ event: string; room: string; sender: string; session: string; json: string; at: string }>(
        `INSERT OR IGNORE INTO matrix_undecryptable (event_id, room_id, sender, session_id, event, received_at)
         VALUES (@event, @room, @sender, @session, @json, @at)`,
      ),
      waiting: db.prepare<[], { event_id: string; room_id: string; sender: string; session_id: string; event: string; received_at: string; answered_at: string | null }>(
        'SELECT event_id, room_id, sender, session_id, event, received_at, answered_at FROM matrix_undecryptable ORDER BY seq',
      ),
      removeWaiting: db.prepare<{ event: string }>('DELETE FROM matrix_undecryptable WHERE event_id = @event'),
      answered: db.prepare<{ event: string; at: string }>('UPDATE matrix_undecryptable SET answered_at = @at WHERE event_id = @event AND answered_at IS NULL'),
      pruneWaiting: db.prepare<{ before: string }>('DELETE FROM matrix_undecryptable WHERE received_at < @before'),
      roomsToForget: db.prepare<[], { room_id: string; user_id: string }>('SELECT room_id, user_id FROM matrix_crypto_forget ORDER BY room_id'),
      forgotten: db.prepare<{ room: string }>('DELETE FROM matrix_crypto_forget WHERE room_id = @room'),
      size: db.prepare<[], { records: number; bytes: number | null }>('SELECT count(*) AS records, sum(length(id) + length(sealed)) AS bytes FROM matrix_crypto_record'),
    };
  }

  cryptoAccount(): MatrixCryptoAccountRow | null {
    const row = this.statements.account.get();
    return row ? { userId: row.user_id, deviceId: row.device_id, kdf: row.kdf, keyCheck: row.key_check, crossSignedAt: row.cross_signed_at } : null;
  }

  startCryptoAccount(account: MatrixCryptoAccountRow, createdAt: string): void {
    this.db.transaction(() => {
      this.statements.deleteRecords.run();
      this.statements.deleteAccount.run();
      this.statements.insertAccount.run({ user: account.userId, device: account.deviceId, kdf: account.kdf, check: account.keyCheck, crossSigned: account.crossSignedAt, at: createdAt });
    }).immediate();
  }

  markCrossSigned(at: string): void {
    this.statements.crossSigned.run({ at });
  }

  cryptoRecords(): { id: Buffer; sealed: Buffer }[] {
    return this.statements.records.all();
  }

  private applyChanges(changes: MatrixCryptoRecordChanges): void {
    for (const record of changes.upserts) this.statements.upsert.run({ id: record.id, sealed: record.sealed });
    for (const id of changes.deletes) this.statements.delete.run({ id });
  }

  saveCryptoChanges(changes: MatrixCryptoRecordChanges, syncToken: string | null): void {
    // Nothing to write: no write lock to take (a send that changed nothing, during a long lock).
    if (changes.upserts.length === 0 && changes.deletes.length === 0 && syncToken === null) return;
    // NOTE: synchronous=NORMAL survives a crash of the process; the keys and the position move together.
    this.db.transaction(() => {
      this.applyChanges(changes);
      if (syncToken !== null) this.syncPosition.saveSyncToken(syncToken);
    }).immediate();
  }

  roomEncryption(roomId: string): MatrixRoomEncryptionRow | null {
    const row = this.statements.roomEncryption.get({ room: roomId });
    return row ? { algorithm: row.algorithm, rotationPeriodMs: row.rotation_period_ms, rotationPeriodMsgs: row.rotation_period_msgs, historyVisibility: row.history_visibility } : null;
  }

  saveRoomEncryption(roomId: string, encryption: MatrixRoomEncryptionRow): void {
    this.statements.saveRoomEncryption.run({
      room: roomId,
      algorithm: encryption.algorithm,
      ms: encryption.rotationPeriodMs,
      msgs: encryption.rotationPeriodMsgs,
      visibility: encryption.historyVisibility,
    });
  }

  addWaiting(message: Omit<MatrixWaitingRow, 'answeredAt'>): void {
    this.statements.addWaiting.run({ event: message.eventId, room: message.roomId, sender: message.sender, session: message.sessionId, json: message.event, at: message.receivedAt });
  }

  waiting(): MatrixWaitingRow[] {
    return this.statements.waiting.all().map((row) => ({
      eventId: row.event_id,
      roomId: row.room_id,
      sender: row.sender,
      sessionId: row.session_id,
      event: row.event,
      receivedAt: row.received_at,
      answeredAt: row.answered_at,
    }));
  }

  removeWaiting(eventId: string): void {
    this.statements.removeWaiting.run({ event: eventId });
  }

  markWaitingAnswered(eventIds: readonly string[], at: string): void {
    this.db.transaction(() => {
      for (const event of eventIds) this.statements.answered.run({ event, at });
    })();
  }

  pruneWaiting(before: Date): number {
    return this.statements.pruneWaiting.run({ before: before.toISOString() }).changes;
  }

  roomsToForget(): { roomId: string; userId: string }[] {
    return this.statements.roomsToForget.all().map((row) => ({ roomId: row.room_id, userId: row.user_id }));
  }

  roomForgotten(roomId: string, changes: MatrixCryptoRecordChanges): void {
    this.db.transaction(() => {
      this.applyChanges(changes);
      this.statements.forgotten.run({ room: roomId });
    }).immediate();
  }

  cryptoStateSize(): { records: number; bytes: number } {
    const row = this.statements.size.get();
    return { records: row?.records ?? 0, bytes: row?.bytes ?? 0 };
  }
}
