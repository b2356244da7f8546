import { noteErasure, type Db } from './database';

/**
 * The Matrix channel's state (sync position, direct chats, groups to leave). Its shape is the
 * channel's `MatrixStorage`, which the application hands this repo as; the store does not
 * import channel code.
 */
export interface MatrixStateRepo {
  syncToken(): string | null;
  saveSyncToken(token: string): void;
  directRoom(userId: string): { readonly roomId: string; readonly left: boolean } | null;
  saveDirectRoom(userId: string, roomId: string): void;
  directRoomUser(roomId: string): string | null;
  markDirectRoomLeft(userId: string): void;
  addRoomToLeave(roomId: string): void;
  isRoomToLeave(roomId: string): boolean;
  forgetRoomToLeave(roomId: string): void;
  /**
   * Forgets the direct chats of people who are no longer known (erased), once nothing waits to
   * be sent to them (their goodbye): which room a Matrix id chats in is personal data too.
   */
  forgetErased(): number;
}

/**
 * The direct chats (`d`) of people who are no longer known (erased), once nothing waits to be sent
 * to them (their goodbye).
 */
const ERASED = `d.user_id NOT IN (SELECT address FROM contact_point WHERE channel = 'matrix')
  AND d.user_id NOT IN (SELECT address FROM outbox WHERE channel = 'matrix' AND address IS NOT NULL AND status IN ('queued', 'sending'))`;

/** MatrixStateRepo on SQLite. Every write is its own small transaction. */
export class SqliteMatrixStateRepo implements MatrixStateRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      // An encrypted room's keys are forgotten by the channel, which holds the crypto machine: queued here.
      queueKeysToForget: db.prepare<[]>(
        `INSERT OR IGNORE INTO matrix_crypto_forget (room_id, user_id)
         SELECT d.room_id, d.user_id FROM matrix_direct_room d JOIN matrix_room_encryption e ON e.room_id = d.room_id WHERE ${ERASED}`,
      ),
      forgetEncryption: db.prepare<[]>(`DELETE FROM matrix_room_encryption WHERE room_id IN (SELECT room_id FROM matrix_direct_room d WHERE ${ERASED})`),
      forgetWaiting: db.prepare<[]>(`DELETE FROM matrix_undecryptable WHERE room_id IN (SELECT room_id FROM matrix_direct_room d WHERE ${ERASED})`),
      forgetErased: db.prepare<[]>(`DELETE FROM matrix_direct_room AS d WHERE ${ERASED}`),
      syncToken: db.prepare<[], { next_batch: string }>('SELECT next_batch FROM matrix_sync WHERE id = 1'),
      saveSyncToken: db.prepare<{ token: string }>(
        'INSERT INTO matrix_sync (id, next_batch) VALUES (1, @token) ON CONFLICT (id) DO UPDATE SET next_batch = excluded.next_batch',
      ),
      directRoom: db.prepare<{ user: string }, { room_id: string; left: number }>('SELECT room_id, left FROM matrix_direct_room WHERE user_id = @user'),
      saveDirectRoom: db.prepare<{ user: string; room: string }>(
        `INSERT INTO matrix_direct_room (user_id, room_id, left) VALUES (@user, @room, 0)
         ON CONFLICT (user_id) DO UPDATE SET room_id = excluded.room_id, left = 0`,
      ),
      directRoomUser: db.prepare<{ room: string }, { user_id: string }>('SELECT user_id FROM matrix_direct_room WHERE room_id = @room'),
      markLeft: db.prepare<{ user: string }>('UPDATE matrix_direct_room SET left = 1 WHERE user_id = @user'),
      addRoomToLeave: db.prepare<{ room: string }>('INSERT OR IGNORE INTO matrix_room_to_leave (room_id) VALUES (@room)'),
      isRoomToLeave: db.prepare<{ room: string }, { room_id: string }>('SELECT room_id FROM matrix_room_to_leave WHERE room_id = @room'),
      forgetRoomToLeave: db.prepare<{ room: string }>('DELETE FROM matrix_room_to_leave WHERE room_id = @room'),
    };
  }

  syncToken(): string | null {
    return this.statements.syncToken.get()?.next_batch ?? null;
  }

  saveSyncToken(token: string): void {
    this.statements.saveSyncToken.run({ token });
  }

  directRoom(userId: string): { readonly roomId: string; readonly left: boolean } | null {
    const row = this.statements.directRoom.get({ user: userId });
    return row ? { roomId: row.room_id, left: row.left === 1 } : null;
  }

  saveDirectRoom(userId: string, roomId: string): void {
    this.statements.saveDirectRoom.run({ user: userId, room: roomId });
  }

  directRoomUser(roomId: string): string | null {
    return this.statements.directRoomUser.get({ room: roomId })?.user_id ?? null;
  }

  markDirectRoomLeft(userId: string): void {
    this.statements.markLeft.run({ user: userId });
  }

  addRoomToLeave(roomId: string): void {
    this.statements.addRoomToLeave.run({ room: roomId });
  }

  isRoomToLeave(roomId: string): boolean {
    return this.statements.isRoomToLeave.get({ room: roomId }) !== undefined;
  }

  forgetRoomToLeave(roomId: string): void {
    this.statements.forgetRoomToLeave.run({ room: roomId });
  }

  forgetErased(): number {
    const forgotten = this.db.transaction(() => {
      this.statements.queueKeysToForget.run();
      this.statements.forgetEncryption.run();
      this.statements.forgetWaiting.run();
      return this.statements.forgetErased.run().changes;
    })();
    if (forgotten > 0) noteErasure(this.db);
    return forgotten;
  }
}
