import type { Db } from './database';

/** What the database being replaced told about the restored copy. */
export interface Reconciliation {
  /** Messages waiting in the backup that the replaced database had sent (or ended): not sent again. */
  readonly settled: number;
  /** Messages waiting in the backup that the replaced database no longer had (an erased person's goodbye once sent): dropped. */
  readonly dropped: number;
  /** People in the backup whom the replaced database no longer had: erased after the backup. */
  readonly erasedAfter: readonly number[];
}

/**
 * Carries over, into a restored backup (`db`), what the database it replaces (`replacedFile`)
 * knew happened after the backup was taken, so that restoring does not undo it:
 * - a message the backup shows waiting (queued, or in flight) but the replaced database shows
 *   sent, failed or cancelled takes that outcome: it is not sent twice;
 * - a waiting message the replaced database no longer has at all (an erased person's goodbye is
 *   deleted once sent) is dropped;
 * - a person the replaced database no longer has, though it had given out their id (people's
 *   ids are never reused: AUTOINCREMENT), was erased after the backup: their ids are returned,
 *   to be erased again.
 * Rows match by id and creation time, which together never repeat (see the outbox's idempotency key).
 */
export function reconcileWithReplaced(db: Db, replacedFile: string): Reconciliation {
  db.prepare('ATTACH DATABASE ? AS replaced').run(replacedFile);
  try {
    return db.transaction(() => {
      const settled = db
        .prepare(
          `UPDATE main.outbox AS o
             SET status = r.status, attempts = r.attempts, sent_at = r.sent_at, provider_id = r.provider_id, error = r.error, updated_at = r.updated_at
           FROM replaced.outbox AS r
           WHERE r.id = o.id AND r.created_at = o.created_at
             AND o.status IN ('queued', 'sending') AND r.status NOT IN ('queued', 'sending')`,
        )
        .run().changes;
      const dropped = db
        .prepare(
          `DELETE FROM main.outbox
           WHERE status IN ('queued', 'sending')
             AND id <= (SELECT coalesce(max(id), 0) FROM replaced.outbox)
             AND NOT EXISTS (SELECT 1 FROM replaced.outbox AS r WHERE r.id = main.outbox.id)`,
        )
        .run().changes;
      const erasedAfter = db
        .prepare<[], number>(
          `SELECT p.id FROM main.person AS p
           WHERE p.id <= (SELECT coalesce(max(seq), 0) FROM replaced.sqlite_sequence WHERE name = 'person')
             AND NOT EXISTS (SELECT 1 FROM replaced.person AS r WHERE r.id = p.id)
           ORDER BY p.id`,
        )
        .pluck()
        .all();
      return { settled, dropped, erasedAfter };
    })();
  } finally {
    db.prepare('DETACH DATABASE replaced').run();
  }
}
