import type { Migration } from './migration';

/**
 * What the Matrix channel must remember across restarts: the position in the homeserver's sync
 * stream (events before it are handled), the direct chat with each person (`left` once they
 * left it: nothing more is sent there), and group rooms to leave once told the bot talks in
 * direct chats only.
 */
export const matrixState: Migration = {
  version: 10,
  name: 'matrix_state',
  sql: `
    CREATE TABLE matrix_sync (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      next_batch TEXT NOT NULL
    ) STRICT;

    CREATE TABLE matrix_direct_room (
      user_id TEXT PRIMARY KEY,
      room_id TEXT NOT NULL,
      left INTEGER NOT NULL DEFAULT 0 CHECK (left IN (0, 1))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX matrix_direct_room_by_room ON matrix_direct_room (room_id);

    CREATE TABLE matrix_room_to_leave (
      room_id TEXT PRIMARY KEY
    ) STRICT, WITHOUT ROWID;
  `,
};
