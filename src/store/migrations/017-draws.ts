import type { Migration } from './migration';

/**
 * Draws by lot. A draw keeps its definition (the quotas file as read), the part of its public
 * record frozen at `prepare` and its commitment, then the seed and what it drew. Pseudonyms are
 * linked to people apart (`draw_pool_member`, never published; an erased person leaves the
 * pseudonym without a person). Each person invited has a seat with its answer and delay; each
 * replacement round keeps its public record. Answers to the city's own profile questions
 * (family situation…) are kept per person. The mediators' digest learns draw invitations:
 * SQLite cannot change a CHECK constraint in place, so `mediator_digest_item` is rebuilt.
 */
export const draws: Migration = {
  version: 17,
  name: 'draws',
  sql: `
    CREATE TABLE draw (
      id INTEGER PRIMARY KEY,
      definition TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'drawn', 'cancelled')),
      prepared TEXT NOT NULL,
      commitment TEXT NOT NULL,
      seed TEXT,
      outcome TEXT,
      created_at TEXT NOT NULL,
      drawn_at TEXT
    ) STRICT;

    CREATE TABLE draw_pool_member (
      draw_id INTEGER NOT NULL REFERENCES draw (id) ON DELETE CASCADE,
      pseudonym TEXT NOT NULL,
      person_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
      PRIMARY KEY (draw_id, pseudonym)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX draw_pool_member_person ON draw_pool_member (person_id);

    CREATE TABLE draw_seat (
      id INTEGER PRIMARY KEY,
      draw_id INTEGER NOT NULL REFERENCES draw (id) ON DELETE CASCADE,
      pseudonym TEXT NOT NULL,
      round INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'accepted', 'declined', 'expired')),
      invited_at TEXT NOT NULL,
      remind_at TEXT NOT NULL,
      answer_by TEXT NOT NULL,
      reminded_at TEXT,
      answered_at TEXT,
      UNIQUE (draw_id, pseudonym)
    ) STRICT;
    CREATE INDEX draw_seat_waiting ON draw_seat (answer_by) WHERE status = 'waiting';

    CREATE TABLE draw_round (
      draw_id INTEGER NOT NULL REFERENCES draw (id) ON DELETE CASCADE,
      round INTEGER NOT NULL,
      record TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (draw_id, round)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE person_answer (
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      answered_at TEXT NOT NULL,
      PRIMARY KEY (person_id, question)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE mediator_digest_item_new (
      id INTEGER PRIMARY KEY,
      mediator_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('session_reminder', 'session_cancelled', 'consultation_opened', 'notice', 'idea_decision', 'draw_invitation')),
      ref_id INTEGER NOT NULL,
      due_at TEXT NOT NULL,
      digested_at TEXT
    ) STRICT;
    INSERT INTO mediator_digest_item_new SELECT id, mediator_id, person_id, kind, ref_id, due_at, digested_at FROM mediator_digest_item;
    DROP TABLE mediator_digest_item;
    ALTER TABLE mediator_digest_item_new RENAME TO mediator_digest_item;
    CREATE INDEX mediator_digest_pending ON mediator_digest_item (mediator_id, due_at) WHERE digested_at IS NULL;
  `,
};
