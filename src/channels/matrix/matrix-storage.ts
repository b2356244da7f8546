/** The direct chat with one person. */
export interface MatrixDirectRoom {
  readonly roomId: string;
  /** The person left it: nothing more is sent to them until they invite the bot again. */
  readonly left: boolean;
}

/**
 * What the Matrix channel keeps across restarts (the application gives it a database-backed
 * one). Calls are synchronous: they are local and quick, and the sync loop relies on a token
 * being saved before the next request goes.
 */
export interface MatrixStorage {
  /** The `next_batch` of the last sync whose events were all handled; null before the first sync. */
  syncToken(): string | null;
  saveSyncToken(token: string): void;
  /** The direct chat with a user, or null when there has been none. */
  directRoom(userId: string): MatrixDirectRoom | null;
  /** Records (or replaces) the direct chat with a user. */
  saveDirectRoom(userId: string, roomId: string): void;
  /** The user whose direct chat this room is, or null. */
  directRoomUser(roomId: string): string | null;
  /** Records that the user left their direct chat. */
  markDirectRoomLeft(userId: string): void;
  /** Remembers a group room to leave once its notice is sent. */
  addRoomToLeave(roomId: string): void;
  isRoomToLeave(roomId: string): boolean;
  forgetRoomToLeave(roomId: string): void;
}
