import type { AuditDetail, AuditEvent, NewAuditEvent } from '../domain/audit';
import type { Db } from './database';

/** Which events to list; both given: events of that actor about that subject. */
export interface AuditQuery {
  readonly actorId?: number;
  readonly subjectId?: number;
  readonly action?: string;
  /** Only events recorded before this one (the next page back in time). */
  readonly beforeId?: number;
  /** Most recent first, at most this many. */
  readonly limit?: number;
}

/** The audit trail of staff actions. Append only. */
export interface AuditRepo {
  record(event: NewAuditEvent, now: Date): void;
  /** Events, oldest first (the most recent `limit` when given). */
  list(query: AuditQuery): AuditEvent[];
  /** How many `action` events came from a contact point since `since`. */
  countFromContact(action: string, contactId: number, since: Date): number;
}

interface AuditRow {
  id: number;
  at: string;
  action: string;
  actor_id: number | null;
  subject_id: number | null;
  channel: string;
  contact_id: number | null;
  detail: string;
}

/** AuditRepo on SQLite. */
export class SqliteAuditRepo implements AuditRepo {
  private readonly insert;
  private readonly countFrom;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_event (at, action, actor_id, subject_id, channel, contact_id, detail)
       VALUES (@at, @action, @actorId, @subjectId, @channel, @contactId, @detail)`,
    );
    this.countFrom = db.prepare<[number, string, string], number>('SELECT count(*) FROM audit_event WHERE contact_id = ? AND action = ? AND at > ?').pluck();
  }

  countFromContact(action: string, contactId: number, since: Date): number {
    return this.countFrom.get(contactId, action, since.toISOString()) ?? 0;
  }

  record(event: NewAuditEvent, now: Date): void {
    this.insert.run({
      at: now.toISOString(),
      action: event.action,
      actorId: event.actorId,
      subjectId: event.subjectId,
      channel: event.channel,
      contactId: event.contactId,
      detail: JSON.stringify(event.detail ?? {}),
    });
  }

  list(query: AuditQuery): AuditEvent[] {
    const where: string[] = [];
    if (query.actorId !== undefined) where.push('actor_id = @actorId');
    if (query.subjectId !== undefined) where.push('subject_id = @subjectId');
    if (query.action !== undefined) where.push('action = @action');
    if (query.beforeId !== undefined) where.push('id < @beforeId');
    const rows = this.db
      .prepare<Record<string, number | string>, AuditRow>(
        `SELECT * FROM (SELECT * FROM audit_event ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit) ORDER BY id`,
      )
      .all({
        ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
        ...(query.subjectId !== undefined ? { subjectId: query.subjectId } : {}),
        ...(query.action !== undefined ? { action: query.action } : {}),
        ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
        limit: query.limit ?? -1,
      });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorId: r.actor_id,
      subjectId: r.subject_id,
      channel: r.channel,
      contactId: r.contact_id,
      detail: JSON.parse(r.detail) as AuditDetail,
    }));
  }
}
