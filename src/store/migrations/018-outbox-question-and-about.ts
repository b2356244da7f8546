import type { Migration } from './migration';

/**
 * Two facts every inbound message asks of the rows waiting for its person, kept in columns of
 * their own instead of read out of each row's JSON payload:
 *
 * - `question`: 1 when the row asks the question the conversation then waits on (see
 *   OutgoingMessage.question). A new question supersedes the one queued before it, and the
 *   latest question says whether the person ever saw it.
 * - `about`: what the row is about (the JSON array of OutgoingMessage.about, or null): it
 *   expires, undelivered, once one of them is over. `outbox_expirable` indexes the rows still to
 *   send that are about something: the only ones an inbound message has to look at.
 *
 * Parsing the payload in SQL at each message (`json_extract`) cost more than inserting the reply:
 * a fifth of the time of a message. Rows written before keep their facts: they are copied from
 * their payloads here (only into the rows that have one: rewriting a city's whole outbox would
 * copy all of it through the WAL).
 *
 * And `outbox_finished`, the index the agents' dashboard counts finished messages with, now holds
 * finished rows only: every reply queued, and every claim (which changes `updated_at`), wrote an
 * entry there for rows that were not finished. NOTE: SQLite uses the partial index only for
 * queries that repeat its WHERE term word for word; the dashboard's and the pruning's do.
 */
export const outboxQuestionAndAbout: Migration = {
  version: 18,
  name: 'outbox_question_and_about',
  sql: `
    ALTER TABLE outbox ADD COLUMN question INTEGER NOT NULL DEFAULT 0 CHECK (question IN (0, 1));
    ALTER TABLE outbox ADD COLUMN about TEXT;
    UPDATE outbox SET question = coalesce(json_extract(payload, '$.question') = 1, 0), about = json_extract(payload, '$.about')
      WHERE json_valid(payload) AND (json_extract(payload, '$.question') = 1 OR json_extract(payload, '$.about') IS NOT NULL);
    CREATE INDEX outbox_expirable ON outbox (contact_id, id) WHERE status IN ('queued', 'sending') AND about IS NOT NULL;
    DROP INDEX outbox_finished;
    CREATE INDEX outbox_finished ON outbox (updated_at, status, channel, error) WHERE status IN ('sent', 'failed', 'cancelled');
  `,
};
