import type { Migration } from './migration';

/**
 * What the outbox needs to show what residents actually received, and to keep ballots secret:
 *
 * - `sent`: the message as it left (its text and buttons, rendered then from the data and the
 *   reader's language of that moment), so that `parlons outbox` shows what was sent rather than
 *   rendering old rows again in today's language and data;
 * - `parts_sent`: how many parts of a message a channel sends in several (a long Telegram
 *   message) are out, so that a retry resumes at the first part not sent;
 * - `ballot_of`: the consultation whose ballot the row shows (a summary, a receipt, an answer
 *   read back), removed when it closes;
 * - `redacted`: what such a row was before its content was removed (`receipt`, `summary`, or an
 *   `answer` read back), for `parlons outbox`.
 */
export const outboxAsSent: Migration = {
  version: 13,
  name: 'outbox_as_sent',
  sql: `
    ALTER TABLE outbox ADD COLUMN sent TEXT;
    ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN ballot_of INTEGER REFERENCES consultation (id) ON DELETE SET NULL;
    ALTER TABLE outbox ADD COLUMN redacted TEXT CHECK (redacted IN ('receipt', 'summary', 'answer'));
    CREATE INDEX outbox_ballot ON outbox (ballot_of) WHERE ballot_of IS NOT NULL;
  `,
};
