import type { Migration } from './migration';

/**
 * An index of the rows still to send, per contact point: what each inbound message looks at
 * (the replies waiting for the person) and what the
 * claim checks to keep a contact's order (an earlier row still to send). Through `outbox_contact`
 * these read every row ever sent to the person, 90 days of history, at every message.
 * NOTE: SQLite uses a partial index only for a query that repeats its WHERE term word for word
 * (https://www.sqlite.org/partialindex.html#queries_using_partial_indexes): the queries say
 * `status IN ('queued', 'sending')` for that reason.
 */
export const outboxWaitingIndex: Migration = {
  version: 16,
  name: 'outbox_waiting_index',
  sql: `
    CREATE INDEX outbox_waiting ON outbox (contact_id, id) WHERE status IN ('queued', 'sending');
  `,
};
