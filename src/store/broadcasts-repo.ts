import type { AudienceFilter } from '../domain/audience';
import type { ChannelKind } from '../domain/channel-kind';
import { isLanguage, type Language } from '../domain/language';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { Db } from './database';
import { outboxFacts } from './outbox-repo';

/** Who a broadcast goes to: one contact point per person. */
export interface Recipient {
  readonly personId: number;
  readonly contactId: number;
  readonly channel: ChannelKind;
  readonly language: Language | null;
}

/** A broadcast as recorded. */
export interface BroadcastRecord {
  readonly id: number;
  readonly createdAt: string;
  readonly sendAt: string;
  readonly audience: readonly AudienceFilter[];
  readonly texts: Readonly<Record<string, string>>;
  readonly recipients: number;
}

/** Broadcasts and their audiences. */
export interface BroadcastsRepo {
  /**
   * The people an audience designates who may receive messages (not opted out), each with one
   * reachable contact point: the one they chose for reminders, else the one they last wrote from.
   */
  recipients(audience: readonly AudienceFilter[]): Recipient[];
  /**
   * The people an audience designates who may receive messages but have no reachable contact point
   * (registered by a mediator, or every contact point unreachable): only their mediators can tell them.
   */
  withoutContact(audience: readonly AudienceFilter[]): number[];
  /** How many `recipients` there are on each channel, counted in the database. */
  countByChannel(audience: readonly AudienceFilter[]): Record<string, number>;
  create(broadcast: Omit<BroadcastRecord, 'id' | 'createdAt'>, now: Date): number;
  /**
   * Queues broadcast `id`'s message, one bulk outbox row per recipient (see `recipients`), in one
   * statement, and records how many on the broadcast; returns how many.
   */
  queue(id: number, audience: readonly AudienceFilter[], message: OutgoingMessage, notBefore: Date, now: Date): number;
  find(id: number): BroadcastRecord | null;
  /** The latest broadcasts, newest first. */
  recent(limit: number): BroadcastRecord[];
  /** Its outbox rows counted by channel and status. */
  progress(id: number): { channel: ChannelKind; status: string; count: number }[];
}

interface BroadcastRow {
  id: number;
  created_at: string;
  send_at: string;
  audience: string;
  texts: string;
  recipients: number;
}

function toRecord(row: BroadcastRow): BroadcastRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    sendAt: row.send_at,
    audience: JSON.parse(row.audience) as AudienceFilter[],
    texts: JSON.parse(row.texts) as Record<string, string>,
    recipients: row.recipients,
  };
}

/** SQL conditions on `person p` for each filter; values are bound, never spliced. */
function condition(filter: AudienceFilter): { sql: string; params: (string | number)[] } {
  switch (filter.kind) {
    case 'all':
      return { sql: '1 = 1', params: [] };
    case 'volunteers':
      return { sql: "p.volunteer_status = 'volunteer'", params: [] };
    case 'registered':
      return { sql: 'EXISTS (SELECT 1 FROM consent k WHERE k.person_id = p.id AND k.withdrawn_at IS NULL)', params: [] };
    case 'assembly_members':
      return {
        sql: "(p.volunteer_status = 'volunteer' OR EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = p.id AND r.role = 'assembly_member'))",
        params: [],
      };
    case 'person':
      return { sql: 'p.id = ?', params: [filter.personId] };
    case 'neighbourhood':
      return { sql: "p.volunteer_status = 'volunteer' AND p.neighbourhood = ?", params: [filter.neighbourhood] };
    case 'language':
      return { sql: 'p.language = ?', params: [filter.language] };
    case 'role':
      return { sql: 'EXISTS (SELECT 1 FROM person_role r WHERE r.person_id = p.id AND r.role = ?)', params: [filter.role] };
    case 'session_answer':
      return {
        sql: `EXISTS (SELECT 1 FROM session_rsvp s WHERE s.person_id = p.id AND s.session_id = ? AND s.answer IN (${filter.answers.map(() => '?').join(', ')}))`,
        params: [filter.sessionId, ...filter.answers],
      };
  }
}

/** The people an audience designates who have not opted out, as SQL on `person p` and its bound values. */
function audienceWhere(audience: readonly AudienceFilter[]): { sql: string; params: (string | number)[] } {
  const conditions = audience.map(condition);
  return {
    sql: `p.opted_out_at IS NULL AND ${conditions.map((c) => `(${c.sql})`).join(' AND ') || '1 = 1'}`,
    params: conditions.flatMap((c) => c.params),
  };
}

/**
 * Each person of an audience with one reachable contact point: the one they chose for reminders,
 * else the one they last wrote from. Columns `person_id`, `language`, `contact_id`, `channel`.
 */
function recipientsSql(audience: readonly AudienceFilter[]): { sql: string; params: (string | number)[] } {
  const where = audienceWhere(audience);
  return {
    sql: `SELECT p.id AS person_id, p.language, c.id AS contact_id, c.channel
          FROM person p
          JOIN contact_point c ON c.id = (
            SELECT best.id FROM contact_point best
            WHERE best.person_id = p.id AND best.unreachable_at IS NULL
            ORDER BY best.id = p.reminder_contact_id DESC, best.last_seen_at IS NULL, best.last_seen_at DESC, best.id DESC
            LIMIT 1)
          WHERE ${where.sql}
          ORDER BY p.id`,
    params: where.params,
  };
}

/** BroadcastsRepo on SQLite. */
export class SqliteBroadcastsRepo implements BroadcastsRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO broadcast (created_at, send_at, audience, texts, recipients) VALUES (?, ?, ?, ?, ?)',
      ),
      recipients: db.prepare<[number, number]>('UPDATE broadcast SET recipients = ? WHERE id = ?'),
      find: db.prepare<[number], BroadcastRow>('SELECT * FROM broadcast WHERE id = ?'),
      recent: db.prepare<[number], BroadcastRow>('SELECT * FROM broadcast ORDER BY id DESC LIMIT ?'),
      progress: db.prepare<[number], { channel: ChannelKind; status: string; count: number }>(
        'SELECT channel, status, count(*) AS count FROM outbox WHERE broadcast_id = ? GROUP BY channel, status ORDER BY channel, status',
      ),
    };
  }

  recipients(audience: readonly AudienceFilter[]): Recipient[] {
    const recipients = recipientsSql(audience);
    const rows = this.db
      .prepare<(string | number)[], { person_id: number; contact_id: number | null; channel: ChannelKind | null; language: string | null }>(recipients.sql)
      .all(...recipients.params);
    return rows.flatMap((r) =>
      r.contact_id !== null && r.channel !== null
        ? [{ personId: r.person_id, contactId: r.contact_id, channel: r.channel, language: isLanguage(r.language) ? r.language : null }]
        : [],
    );
  }

  withoutContact(audience: readonly AudienceFilter[]): number[] {
    const where = audienceWhere(audience);
    return this.db
      .prepare<(string | number)[], { id: number }>(
        `SELECT p.id FROM person p
         WHERE NOT EXISTS (SELECT 1 FROM contact_point c WHERE c.person_id = p.id AND c.unreachable_at IS NULL) AND ${where.sql}
         ORDER BY p.id`,
      )
      .all(...where.params)
      .map((r) => r.id);
  }

  countByChannel(audience: readonly AudienceFilter[]): Record<string, number> {
    const recipients = recipientsSql(audience);
    const rows = this.db
      .prepare<(string | number)[], { channel: string; n: number }>(`SELECT channel, count(*) AS n FROM (${recipients.sql}) GROUP BY channel ORDER BY channel`)
      .all(...recipients.params);
    return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
  }

  queue(id: number, audience: readonly AudienceFilter[], message: OutgoingMessage, notBefore: Date, now: Date): number {
    const recipients = recipientsSql(audience);
    const facts = outboxFacts(message);
    // NOTE: one INSERT … SELECT rather than a row at a time: half the time for a notice to a whole city.
    const queued = this.db
      .prepare<(string | number | null)[]>(
        `INSERT INTO outbox (contact_id, channel, kind, payload, question, about, not_before, created_at, updated_at, broadcast_id)
         SELECT contact_id, channel, 'bulk', ?, ?, ?, ?, ?, ?, ? FROM (${recipients.sql}) ORDER BY person_id`,
      )
      .run(JSON.stringify(message), facts.question, facts.about, notBefore.toISOString(), now.toISOString(), now.toISOString(), id, ...recipients.params).changes;
    this.statements.recipients.run(queued, id);
    return queued;
  }

  create(broadcast: Omit<BroadcastRecord, 'id' | 'createdAt'>, now: Date): number {
    const result = this.statements.insert.run(now.toISOString(), broadcast.sendAt, JSON.stringify(broadcast.audience), JSON.stringify(broadcast.texts), broadcast.recipients);
    return Number(result.lastInsertRowid);
  }

  find(id: number): BroadcastRecord | null {
    const row = this.statements.find.get(id);
    return row ? toRecord(row) : null;
  }

  recent(limit: number): BroadcastRecord[] {
    return this.statements.recent.all(limit).map(toRecord);
  }

  progress(id: number): { channel: ChannelKind; status: string; count: number }[] {
    return this.statements.progress.all(id);
  }
}
