import type { Migration } from './migration';

/**
 * The assembly's sessions, residents' answers to them (yes, no, maybe), and the reminders to
 * send, as rows with their due times: nothing is scheduled only in memory.
 */
export const assemblySessions: Migration = {
  version: 7,
  name: 'assembly_sessions',
  sql: `
    CREATE TABLE assembly_session (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT,
      place TEXT NOT NULL,
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL,
      reminder_offsets TEXT,
      status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX assembly_session_start ON assembly_session (starts_at) WHERE status = 'scheduled';

    CREATE TABLE session_rsvp (
      session_id INTEGER NOT NULL REFERENCES assembly_session (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'maybe')),
      answered_at TEXT NOT NULL,
      PRIMARY KEY (session_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX session_rsvp_person ON session_rsvp (person_id);

    CREATE TABLE session_reminder (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES assembly_session (id) ON DELETE CASCADE,
      offset_minutes INTEGER NOT NULL,
      due_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'skipped', 'cancelled')),
      fired_at TEXT,
      recipients INTEGER,
      UNIQUE (session_id, offset_minutes)
    ) STRICT;
    CREATE INDEX session_reminder_due ON session_reminder (due_at) WHERE status = 'pending';
  `,
};
