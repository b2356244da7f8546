import type { Migration } from './migration';

/**
 * An index the dispatcher's claim can use: queued rows only, in claiming order (replies before
 * bulk, then oldest first). The first index led with `channel` and listed two statuses, so the
 * claim scanned and sorted every row ever sent, and slowed down as history grew.
 */
export const outboxQueueIndex: Migration = {
  version: 4,
  name: 'outbox_queue_index',
  sql: `
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_queue ON outbox (kind DESC, id) WHERE status = 'queued';
  `,
};
