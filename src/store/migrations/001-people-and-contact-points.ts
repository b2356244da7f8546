import type { Migration } from './migration';

/** People, their roles and consents, and the contact points they are reached on. */
export const peopleAndContactPoints: Migration = {
  version: 1,
  name: 'people_and_contact_points',
  sql: `
    CREATE TABLE person (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      language TEXT,
      volunteer_status TEXT NOT NULL DEFAULT 'none' CHECK (volunteer_status IN ('none', 'volunteer', 'withdrawn')),
      volunteer_since TEXT,
      first_name TEXT,
      neighbourhood TEXT,
      age_bracket TEXT,
      gender TEXT,
      equipment TEXT,
      reminders TEXT,
      reminder_contact_id INTEGER REFERENCES contact_point (id) ON DELETE SET NULL,
      opted_out_at TEXT
    ) STRICT;

    CREATE TABLE person_role (
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('resident', 'mediator', 'agent', 'admin')),
      granted_at TEXT NOT NULL,
      PRIMARY KEY (person_id, role)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE consent (
      id INTEGER PRIMARY KEY,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      purpose TEXT NOT NULL,
      notice_version TEXT NOT NULL,
      given_at TEXT NOT NULL,
      method TEXT NOT NULL,
      withdrawn_at TEXT
    ) STRICT;
    CREATE INDEX consent_person ON consent (person_id);

    CREATE TABLE contact_point (
      id INTEGER PRIMARY KEY,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      channel TEXT NOT NULL,
      address TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_seen_at TEXT,
      unreachable_at TEXT,
      UNIQUE (channel, address)
    ) STRICT;
    CREATE INDEX contact_point_person ON contact_point (person_id);
  `,
};
