import type { Migration } from './migration';

/**
 * Mediators and agents: the organisation a staff role is held for, one-time invitation codes,
 * who each mediator supports, the conversations a mediator holds on someone's behalf, the audit
 * of every staff action, and what waits for a mediator's daily digest. Consents gain how a
 * mediator collected them (a paper form's number) and by whom.
 */
export const mediation: Migration = {
  version: 11,
  name: 'mediation',
  sql: `
    ALTER TABLE person_role ADD COLUMN organisation TEXT;
    ALTER TABLE consent ADD COLUMN reference TEXT;
    ALTER TABLE consent ADD COLUMN recorded_by INTEGER REFERENCES person (id) ON DELETE SET NULL;

    -- Only a hash of the code is kept: the database never holds a code someone could still use.
    CREATE TABLE role_invitation (
      id INTEGER PRIMARY KEY,
      code_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('mediator', 'agent')),
      organisation TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      used_by INTEGER REFERENCES person (id) ON DELETE SET NULL
    ) STRICT;

    CREATE TABLE mediator_support (
      mediator_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      via TEXT NOT NULL CHECK (via IN ('registered', 'assigned')),
      since TEXT NOT NULL,
      PRIMARY KEY (mediator_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX mediator_support_person ON mediator_support (person_id);

    -- One per mediator's contact point: the conversation held for the person, apart from the mediator's own.
    CREATE TABLE acting_for (
      contact_id INTEGER PRIMARY KEY REFERENCES contact_point (id) ON DELETE CASCADE,
      mediator_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      started_at TEXT NOT NULL,
      last_active_at TEXT NOT NULL,
      state TEXT
    ) STRICT;
    CREATE INDEX acting_for_person ON acting_for (person_id);
    CREATE INDEX acting_for_last_active ON acting_for (last_active_at);

    -- Ids only, never what was said or voted. The record outlives the people in it (their ids become NULL).
    CREATE TABLE audit_event (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      actor_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
      subject_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
      channel TEXT NOT NULL,
      contact_id INTEGER,
      detail TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX audit_event_actor ON audit_event (actor_id, at);
    CREATE INDEX audit_event_subject ON audit_event (subject_id, at);

    -- What a mediator's next digest tells about a person they support who cannot be reached. Only
    -- references: the digest reads the session, the answers and the texts when it is written.
    -- due_at: when the item becomes news (when produced, or when its scheduled notice goes out).
    CREATE TABLE mediator_digest_item (
      id INTEGER PRIMARY KEY,
      mediator_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('session_reminder', 'session_cancelled', 'consultation_opened', 'notice', 'idea_decision')),
      ref_id INTEGER NOT NULL,
      due_at TEXT NOT NULL,
      digested_at TEXT
    ) STRICT;
    CREATE INDEX mediator_digest_pending ON mediator_digest_item (mediator_id, due_at) WHERE digested_at IS NULL;
  `,
};
