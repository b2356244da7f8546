import type { Migration } from './migration';

/**
 * Consultations and their ballots. A ballot is linked to its person only while the consultation
 * is open (so it can be changed); at closing the link is cut and the ballots are rewritten in an
 * order that says nothing of who cast them. Who took part is kept apart, without dates, so that
 * participants can be told the results and counted.
 */
export const consultations: Migration = {
  version: 9,
  name: 'consultations',
  sql: `
    CREATE TABLE consultation (
      id INTEGER PRIMARY KEY,
      definition TEXT NOT NULL,
      audience TEXT NOT NULL CHECK (audience IN ('registered', 'volunteers', 'assembly_members')),
      opens_at TEXT NOT NULL,
      closes_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'closed')),
      invited INTEGER,
      created_at TEXT NOT NULL,
      opened_at TEXT,
      closed_at TEXT
    ) STRICT;
    CREATE INDEX consultation_status ON consultation (status, opens_at);

    CREATE TABLE ballot (
      id INTEGER PRIMARY KEY,
      consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
      person_id INTEGER REFERENCES person (id) ON DELETE CASCADE,
      answers TEXT NOT NULL,
      cast_at TEXT,
      UNIQUE (consultation_id, person_id)
    ) STRICT;

    CREATE TABLE consultation_participant (
      consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      PRIMARY KEY (consultation_id, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX consultation_participant_person ON consultation_participant (person_id);
  `,
};
