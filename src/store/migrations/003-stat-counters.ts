import type { Migration } from './migration';

/** Anonymous monthly counters: what remains of activity once people are erased. */
export const statCounters: Migration = {
  version: 3,
  name: 'stat_counters',
  sql: `
    CREATE TABLE stat_counter (
      name TEXT NOT NULL,
      month TEXT NOT NULL,
      value INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (name, month)
    ) STRICT, WITHOUT ROWID;
  `,
};
