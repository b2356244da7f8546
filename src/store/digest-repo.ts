import type { DigestItem, DigestItemKind } from '../domain/digest';
import type { Db } from './database';

/** What waits for mediators' daily digests. */
export interface DigestRepo {
  /** Of these people, those who have at least one mediator still holding the mediator role. */
  mediated(personIds: readonly number[]): number[];
  /**
   * Adds an item for each mediator (still holding the role) of each of these people, unless the
   * same one is already waiting; returns how many of the people it concerned.
   */
  queue(kind: DigestItemKind, refId: number, personIds: readonly number[], dueAt: Date): number;
  /** Mediators with an item waiting that was due before `before`. */
  dueMediators(before: Date): number[];
  /** A mediator's waiting items due by `upTo`, oldest first. */
  pending(mediatorId: number, upTo: Date): DigestItem[];
  markDigested(itemIds: readonly number[], now: Date): void;
  /** Forgets waiting items whose mediator lost the role or no longer supports the person; returns how many. */
  dropOrphans(): number;
  /** Forgets items digested before `before` (data minimisation); returns how many. */
  pruneDigested(before: Date): number;
}

interface ItemRow {
  id: number;
  mediator_id: number;
  person_id: number;
  kind: DigestItemKind;
  ref_id: number;
  due_at: string;
}

/** The person's support by a mediator who still holds the role (`s` a mediator_support row). */
const ACTIVE_SUPPORT = "EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = s.mediator_id AND r.role = 'mediator')";

/** DigestRepo on SQLite. */
export class SqliteDigestRepo implements DigestRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      mediated: db.prepare<[string], { person_id: number }>(
        `SELECT DISTINCT s.person_id FROM mediator_support s
         WHERE s.person_id IN (SELECT value FROM json_each(?)) AND ${ACTIVE_SUPPORT} ORDER BY s.person_id`,
      ),
      queue: db.prepare<{ kind: DigestItemKind; refId: number; ids: string; dueAt: string }>(
        `INSERT INTO mediator_digest_item (mediator_id, person_id, kind, ref_id, due_at)
         SELECT s.mediator_id, s.person_id, @kind, @refId, @dueAt FROM mediator_support s
         WHERE s.person_id IN (SELECT value FROM json_each(@ids)) AND ${ACTIVE_SUPPORT}
           AND NOT EXISTS (SELECT 1 FROM mediator_digest_item i WHERE i.mediator_id = s.mediator_id AND i.person_id = s.person_id
                             AND i.kind = @kind AND i.ref_id = @refId AND i.digested_at IS NULL)`,
      ),
      dueMediators: db.prepare<[string], { mediator_id: number }>(
        'SELECT DISTINCT mediator_id FROM mediator_digest_item WHERE digested_at IS NULL AND due_at < ? ORDER BY mediator_id',
      ),
      pending: db.prepare<[number, string], ItemRow>(
        'SELECT * FROM mediator_digest_item WHERE mediator_id = ? AND digested_at IS NULL AND due_at <= ? ORDER BY due_at, id',
      ),
      markDigested: db.prepare<[string, string]>('UPDATE mediator_digest_item SET digested_at = ? WHERE id IN (SELECT value FROM json_each(?))'),
      dropOrphans: db.prepare(
        `DELETE FROM mediator_digest_item WHERE digested_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM mediator_support s WHERE s.mediator_id = mediator_digest_item.mediator_id
             AND s.person_id = mediator_digest_item.person_id AND ${ACTIVE_SUPPORT})`,
      ),
      prune: db.prepare<[string]>('DELETE FROM mediator_digest_item WHERE digested_at < ?'),
    };
  }

  mediated(personIds: readonly number[]): number[] {
    if (personIds.length === 0) return [];
    return this.statements.mediated.all(JSON.stringify(personIds)).map((r) => r.person_id);
  }

  queue(kind: DigestItemKind, refId: number, personIds: readonly number[], dueAt: Date): number {
    const concerned = this.mediated(personIds);
    if (concerned.length > 0) this.statements.queue.run({ kind, refId, ids: JSON.stringify(concerned), dueAt: dueAt.toISOString() });
    return concerned.length;
  }

  dueMediators(before: Date): number[] {
    return this.statements.dueMediators.all(before.toISOString()).map((r) => r.mediator_id);
  }

  pending(mediatorId: number, upTo: Date): DigestItem[] {
    return this.statements.pending
      .all(mediatorId, upTo.toISOString())
      .map((r) => ({ id: r.id, mediatorId: r.mediator_id, personId: r.person_id, kind: r.kind, refId: r.ref_id, dueAt: r.due_at }));
  }

  markDigested(itemIds: readonly number[], now: Date): void {
    this.statements.markDigested.run(now.toISOString(), JSON.stringify(itemIds));
  }

  dropOrphans(): number {
    return this.statements.dropOrphans.run().changes;
  }

  pruneDigested(before: Date): number {
    return this.statements.prune.run(before.toISOString()).changes;
  }
}
