import type { Migration } from './migration';

/**
 * Calls for ideas, residents' topic ideas with their moderation, and supports. Also admits the
 * `assembly_member` role (people drawn by lot), which consultations may be restricted to: SQLite
 * cannot change a CHECK constraint in place, so `person_role` is rebuilt with its rows.
 */
export const ideas: Migration = {
  version: 8,
  name: 'ideas',
  sql: `
    CREATE TABLE person_role_new (
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('resident', 'mediator', 'agent', 'admin', 'assembly_member')),
      granted_at TEXT NOT NULL,
      PRIMARY KEY (person_id, role)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO person_role_new SELECT person_id, role, granted_at FROM person_role;
    DROP TABLE person_role;
    ALTER TABLE person_role_new RENAME TO person_role;

    CREATE TABLE idea_call (
      id INTEGER PRIMARY KEY,
      theme TEXT,
      opens_at TEXT NOT NULL,
      closes_at TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX idea_call_period ON idea_call (closes_at, opens_at);

    CREATE TABLE idea (
      id INTEGER PRIMARY KEY,
      call_id INTEGER NOT NULL REFERENCES idea_call (id),
      author_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      neighbourhood TEXT,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'merged')),
      reason TEXT,
      merged_into INTEGER REFERENCES idea (id),
      submitted_at TEXT NOT NULL,
      decided_at TEXT
    ) STRICT;
    CREATE INDEX idea_call_status ON idea (call_id, status);
    CREATE INDEX idea_author ON idea (author_id);

    CREATE TABLE idea_support (
      idea_id INTEGER NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      supported_at TEXT NOT NULL,
      PRIMARY KEY (idea_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX idea_support_person ON idea_support (person_id);
  `,
};
