import type { Migration } from './migration';

/** Notices agents send to an audience; each recipient's message is an outbox row of the broadcast. */
export const broadcasts: Migration = {
  version: 6,
  name: 'broadcasts',
  sql: `
    CREATE TABLE broadcast (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      send_at TEXT NOT NULL,
      audience TEXT NOT NULL,
      texts TEXT NOT NULL,
      recipients INTEGER NOT NULL
    ) STRICT;

    ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER REFERENCES broadcast (id);
    CREATE INDEX outbox_broadcast ON outbox (broadcast_id, channel, status) WHERE broadcast_id IS NOT NULL;
  `,
};
