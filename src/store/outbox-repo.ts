import type { ChannelKind } from '../domain/channel-kind';
import { isLanguage, type Language } from '../domain/language';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { noteErasure, type Db } from './database';

/** Replies answer a person and always go first; bulk is reminders and notices. */
export type OutboxKind = 'reply' | 'bulk';
/** Where a message stands. Persisted. */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** A message to put in the outbox. */
export interface NewOutboxMessage {
  /** The contact point it goes to; null only for a message that outlives its contact (see `address`). */
  readonly contactId: number | null;
  readonly channel: ChannelKind;
  /** Set only when the contact point is about to be erased: the address to send to, then forget. */
  readonly address?: string;
  /** Set with `address`: the language to render in. */
  readonly language?: Language;
  readonly kind: OutboxKind;
  readonly message: OutgoingMessage;
  /** The one message an opted-out person still gets: the confirmation of their STOP. */
  readonly ignoreOptOut?: boolean;
  readonly notBefore: Date;
  /** The broadcast this message is part of. */
  readonly broadcastId?: number;
}

/** A message as it left: its text, and the labels of its buttons. */
export interface SentMessage {
  readonly text: string;
  readonly buttons?: readonly string[];
}

/** A row that showed a ballot, once emptied at the closing: a receipt, the summary before confirming, or an answer read back. Persisted. */
export type RedactedBallot = 'receipt' | 'summary' | 'answer';

/** Why a row was never delivered because its moment had passed. Persisted in `error` as `expired_<reason>`. */
export type ExpiryReason = 'session_started' | 'session_cancelled' | 'consultation_closed' | 'seat_answered' | 'seat_expired';

/** An outbox row, with what sending it needs to know about its recipient. */
export interface OutboxRecord {
  readonly id: number;
  readonly contactId: number | null;
  readonly channel: ChannelKind;
  readonly kind: OutboxKind;
  readonly message: OutgoingMessage;
  readonly ignoreOptOut: boolean;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly notBefore: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly error: string | null;
  /** True for a row whose address must be forgotten once it is sent (erasure confirmation). */
  readonly detached: boolean;
  /** The message as it was sent (null until then, and once removed). */
  readonly sent: SentMessage | null;
  /** Parts already out of a message the channel sends in several: a retry resumes after them. */
  readonly partsSent: number;
  /** What the row was before its content, a ballot's, was removed at the consultation's closing. */
  readonly redacted: RedactedBallot | null;
  readonly targetAddress: string;
  readonly targetLanguage: Language | null;
  readonly recipientOptedOut: boolean;
  readonly recipientUnreachable: boolean;
  /** A question followed by another queued for the same contact point: it is not to be sent (see OutgoingMessage.question). */
  readonly superseded: boolean;
}

/** A message waiting to be sent, as much of it as decides whether it has expired. */
export interface PendingMessage extends Pick<OutboxRecord, 'id' | 'status'> {
  readonly about: OutgoingMessage['about'];
}

/** Which due rows a dispatcher may claim. */
export interface ClaimFilter {
  readonly channel?: ChannelKind;
  /** Only these channels: a dispatcher claims nothing it has no adapter for. */
  readonly channels?: readonly ChannelKind[];
  /** Only this address on that channel (the console delivers only to the person at the keyboard). */
  readonly address?: string;
  /** Replies only (quiet hours): held bulk rows then hold back nothing. */
  readonly repliesOnly?: boolean;
  readonly limit: number;
}

/** The outbox: everything that leaves Parlons, as rows. */
export interface OutboxRepo {
  enqueue(message: NewOutboxMessage, now: Date): number;
  /**
   * Marks due rows `sending` and returns them: replies before bulk, and for each contact only
   * its oldest due (or retried) row, so that a contact's messages arrive in order.
   */
  claimDue(now: Date, filter: ClaimFilter): OutboxRecord[];
  /** Records that the row was sent, and what was sent. */
  markSent(id: number, now: Date, providerId: string | null, sent: SentMessage): void;
  /** Puts the row back in the queue until `notBefore`; `partsSent`: parts of it already out. */
  retryLater(id: number, notBefore: Date, error: string, now: Date, partsSent?: number): void;
  /** Ends a row without sending it: `failed` (the channel refused) or `cancelled` (nobody to send to). */
  finish(id: number, status: 'failed' | 'cancelled', reason: string, now: Date): void;
  /** Forgets a sent detached row entirely: its address belonged to an erased person. */
  delete(id: number): void;
  /**
   * At a consultation's closing: every row showing one of its ballots loses its content (in the
   * database files too: see `noteErasure`), keeping only that it existed; those not sent yet are
   * not sent. Returns how many rows.
   */
  redactBallots(consultationId: number, now: Date): number;
  /** Puts rows left `sending` by a stopped process back in the queue (only those in `scope`, when given). */
  recoverClaimed(now: Date, scope?: Omit<ClaimFilter, 'limit'>): number;
  /** Puts rows this process claimed but did not send back in the queue (a dispatcher stopping). */
  release(ids: readonly number[], now: Date): void;
  forContact(contactId: number): OutboxRecord[];
  /** A row as it is now, with its recipient's current address, language and opt-out; null when gone. */
  current(id: number): OutboxRecord | null;
  /**
   * The messages waiting to be sent to this contact point that are about something (a session, a
   * consultation…), oldest first, with what each is about: read at every inbound message, to
   * expire those whose moment has passed (only that, not to whom nor what they say). The others
   * never expire.
   */
  pending(contactId: number): PendingMessage[];
  /** How many messages wait to be sent to this contact point. */
  waiting(contactId: number): number;
  /** What became of the latest question queued for this contact point (see OutgoingMessage.question). */
  lastQuestion(contactId: number): Pick<OutboxRecord, 'status' | 'error'> | null;
  /** The latest rows, newest first. */
  recent(limit: number): OutboxRecord[];
  /** Forgets finished rows older than `before`. */
  pruneFinished(before: Date): number;
}

interface OutboxRow {
  id: number;
  contact_id: number | null;
  channel: ChannelKind;
  address: string | null;
  kind: OutboxKind;
  payload: string;
  ignore_opt_out: number;
  status: OutboxStatus;
  attempts: number;
  not_before: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
  sent: string | null;
  parts_sent: number;
  redacted: RedactedBallot | null;
  target_address: string;
  target_language: string | null;
  opted_out_at: string | null;
  unreachable_at: string | null;
  superseded: number;
}

// The columns an OutboxRecord is made of, no more: each column is a property better-sqlite3 builds
// on every row, and the sender reads a hundred rows at each claim.
const SELECT_WITH_RECIPIENT = `
  SELECT o.id, o.contact_id, o.channel, o.address, o.kind, o.payload, o.ignore_opt_out, o.status, o.attempts, o.not_before,
         o.created_at, o.sent_at, o.error, o.sent, o.parts_sent, o.redacted,
         coalesce(o.address, c.address) AS target_address, coalesce(o.language, p.language) AS target_language,
         p.opted_out_at, c.unreachable_at,
         o.question = 1 AND EXISTS (SELECT 1 FROM outbox later WHERE later.contact_id = o.contact_id AND later.id > o.id AND later.question = 1) AS superseded
  FROM outbox o
  LEFT JOIN contact_point c ON c.id = o.contact_id
  LEFT JOIN person p ON p.id = c.person_id`;

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel,
    kind: row.kind,
    message: JSON.parse(row.payload) as OutgoingMessage,
    ignoreOptOut: row.ignore_opt_out === 1,
    status: row.status,
    attempts: row.attempts,
    notBefore: row.not_before,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    error: row.error,
    detached: row.address !== null,
    sent: row.sent === null ? null : (JSON.parse(row.sent) as SentMessage),
    partsSent: row.parts_sent,
    redacted: row.redacted,
    targetAddress: row.target_address,
    targetLanguage: isLanguage(row.target_language) ? row.target_language : null,
    recipientOptedOut: row.opted_out_at !== null,
    recipientUnreachable: row.unreachable_at !== null,
    superseded: row.superseded === 1,
  };
}

/**
 * The facts of a message the outbox keeps in columns of their own, for the reads made at every
 * inbound message (see migration 018): whether it asks a question, and what it is about.
 */
export function outboxFacts(message: OutgoingMessage): { question: 0 | 1; about: string | null } {
  return { question: message.question ? 1 : 0, about: message.about ? JSON.stringify(message.about) : null };
}

/** OutboxRepo on SQLite. */
export class SqliteOutboxRepo implements OutboxRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      // Positional parameters: bound from an object, each of the 14 would be looked up by name, at every reply.
      insert: db.prepare<[number | null, ChannelKind, string | null, Language | null, OutboxKind, string, 0 | 1, string | null, 0 | 1, string, string, string, number | null, number | null]>(
        `INSERT INTO outbox (contact_id, channel, address, language, kind, payload, question, about, ignore_opt_out, not_before, created_at, updated_at, broadcast_id, ballot_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      due: db.prepare<{ now: string; channel: string | null; channels: string | null; address: string | null; repliesOnly: number; limit: number }, OutboxRow>(
        `${SELECT_WITH_RECIPIENT}
         WHERE o.status = 'queued' AND o.not_before <= @now
           AND (@channel IS NULL OR o.channel = @channel)
           AND (@channels IS NULL OR o.channel IN (SELECT value FROM json_each(@channels)))
           AND (@address IS NULL OR coalesce(o.address, c.address) = @address)
           AND (@repliesOnly = 0 OR o.kind = 'reply')
           -- Keep a contact's order: wait for earlier rows being sent, due, or retried; a row
           -- scheduled for later (a reminder) does not hold back today's replies. (Saying status IN …
           -- lets SQLite use the index of rows still to send, not the contact's whole history.)
           AND NOT EXISTS (
             SELECT 1 FROM outbox earlier
             WHERE earlier.contact_id = o.contact_id AND earlier.id < o.id AND earlier.status IN ('queued', 'sending')
               AND (earlier.status = 'sending' OR (earlier.status = 'queued' AND (earlier.not_before <= @now OR earlier.attempts > 0)))
               AND (@repliesOnly = 0 OR earlier.kind = 'reply'))
         -- 'reply' sorts after 'bulk': descending puts replies first, and matches the outbox_queue index.
         ORDER BY o.kind DESC, o.id
         LIMIT @limit`,
      ),
      claim: db.prepare<[string, string]>("UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))"),
      sent: db.prepare<[string, string | null, string, string, number]>(
        "UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, sent = ?, error = NULL, updated_at = ? WHERE id = ?",
      ),
      retry: db.prepare<[string, string, number, string, number]>(
        "UPDATE outbox SET status = 'queued', not_before = ?, error = ?, parts_sent = ?, updated_at = ? WHERE id = ?",
      ),
      redactBallots: db.prepare<{ consultationId: number; now: string; payload: string }>(
        `UPDATE outbox SET payload = @payload, sent = NULL, updated_at = @now,
           redacted = CASE WHEN instr(payload, '"consultations:receipt"') > 0 THEN 'receipt'
                           WHEN instr(payload, '"consultations:summary"') > 0 THEN 'summary' ELSE 'answer' END,
           status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
           error = CASE WHEN status = 'queued' THEN 'expired_consultation_closed' ELSE error END
         WHERE ballot_of = @consultationId AND redacted IS NULL`,
      ),
      finish: db.prepare<[string, string, string, number]>('UPDATE outbox SET status = ?, error = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare<[number]>('DELETE FROM outbox WHERE id = ?'),
      release: db.prepare<[string, number]>("UPDATE outbox SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'sending'"),
      recover: db.prepare<{ now: string; channel: string | null; address: string | null }>(
        `UPDATE outbox SET status = 'queued', updated_at = @now
         WHERE status = 'sending' AND (@channel IS NULL OR channel = @channel)
           AND (@address IS NULL OR coalesce(address, (SELECT c.address FROM contact_point c WHERE c.id = contact_id)) = @address)`,
      ),
      forContact: db.prepare<[number], OutboxRow>(`${SELECT_WITH_RECIPIENT} WHERE o.contact_id = ? ORDER BY o.id`),
      current: db.prepare<[number], OutboxRow>(`${SELECT_WITH_RECIPIENT} WHERE o.id = ?`),
      recent: db.prepare<[number], OutboxRow>(`${SELECT_WITH_RECIPIENT} ORDER BY o.id DESC LIMIT ?`),
      // Read at every inbound message: its status only, not the row with its recipient.
      lastQuestion: db.prepare<[number], Pick<OutboxRow, 'status' | 'error'>>(
        "SELECT status, error FROM outbox WHERE contact_id = ? AND question = 1 ORDER BY id DESC LIMIT 1",
      ),
      // Only a message's subjects (most have none): parsing each whole payload, at every inbound
      // message, cost more than all the other reads of the message together (see migration 018).
      pending: db.prepare<[number], Pick<OutboxRow, 'id' | 'status'> & { about: string }>(
        "SELECT id, status, about FROM outbox WHERE contact_id = ? AND status IN ('queued', 'sending') AND about IS NOT NULL ORDER BY id",
      ),
      waiting: db.prepare<[number], number>("SELECT count(*) FROM outbox WHERE contact_id = ? AND status IN ('queued', 'sending')").pluck(),
      prune: db.prepare<[string]>("DELETE FROM outbox WHERE status IN ('sent', 'failed', 'cancelled') AND updated_at < ?"),
    };
  }

  enqueue(message: NewOutboxMessage, now: Date): number {
    const ballot = message.message.secret ? message.message.about?.find((s) => 'consultation' in s) : undefined;
    const facts = outboxFacts(message.message);
    const at = now.toISOString();
    const result = this.statements.insert.run(
      message.contactId,
      message.channel,
      message.address ?? null,
      message.language ?? null,
      message.kind,
      JSON.stringify(message.message),
      facts.question,
      facts.about,
      message.ignoreOptOut ? 1 : 0,
      message.notBefore.toISOString(),
      at,
      at,
      message.broadcastId ?? null,
      ballot && 'consultation' in ballot ? ballot.consultation : null,
    );
    return Number(result.lastInsertRowid);
  }

  claimDue(now: Date, filter: ClaimFilter): OutboxRecord[] {
    return this.db
      .transaction(() => {
        const rows = this.statements.due.all({
          now: now.toISOString(),
          channel: filter.channel ?? null,
          channels: filter.channels ? JSON.stringify(filter.channels) : null,
          address: filter.address ?? null,
          repliesOnly: filter.repliesOnly ? 1 : 0,
          limit: filter.limit,
        });
        if (rows.length > 0) this.statements.claim.run(now.toISOString(), JSON.stringify(rows.map((row) => row.id)));
        return rows.map((row) => toRecord({ ...row, status: 'sending', attempts: row.attempts + 1 }));
      })
      .immediate();
  }

  markSent(id: number, now: Date, providerId: string | null, sent: SentMessage): void {
    this.statements.sent.run(now.toISOString(), providerId, JSON.stringify(sent), now.toISOString(), id);
  }

  retryLater(id: number, notBefore: Date, error: string, now: Date, partsSent = 0): void {
    this.statements.retry.run(notBefore.toISOString(), error, partsSent, now.toISOString(), id);
  }

  redactBallots(consultationId: number, now: Date): number {
    const changes = this.statements.redactBallots.run({ consultationId, now: now.toISOString(), payload: JSON.stringify({ parts: [] }) }).changes;
    // The rows' earlier versions, with the ballot's content, must leave the WAL too.
    if (changes > 0) noteErasure(this.db);
    return changes;
  }

  finish(id: number, status: 'failed' | 'cancelled', reason: string, now: Date): void {
    this.statements.finish.run(status, reason, now.toISOString(), id);
  }

  delete(id: number): void {
    this.statements.delete.run(id);
    // Only an erased person's goodbye is deleted: it held their address.
    noteErasure(this.db);
  }

  release(ids: readonly number[], now: Date): void {
    for (const id of ids) this.statements.release.run(now.toISOString(), id);
  }

  recoverClaimed(now: Date, scope: Omit<ClaimFilter, 'limit'> = {}): number {
    return this.statements.recover.run({ now: now.toISOString(), channel: scope.channel ?? null, address: scope.address ?? null }).changes;
  }

  forContact(contactId: number): OutboxRecord[] {
    return this.statements.forContact.all(contactId).map(toRecord);
  }

  current(id: number): OutboxRecord | null {
    const row = this.statements.current.get(id);
    return row ? toRecord(row) : null;
  }

  lastQuestion(contactId: number): Pick<OutboxRecord, 'status' | 'error'> | null {
    return this.statements.lastQuestion.get(contactId) ?? null;
  }

  pending(contactId: number): PendingMessage[] {
    return this.statements.pending.all(contactId).map((row) => ({ id: row.id, status: row.status, about: JSON.parse(row.about) as OutgoingMessage['about'] }));
  }

  waiting(contactId: number): number {
    return this.statements.waiting.get(contactId) ?? 0;
  }

  recent(limit: number): OutboxRecord[] {
    return this.statements.recent.all(limit).map(toRecord);
  }

  pruneFinished(before: Date): number {
    return this.statements.prune.run(before.toISOString()).changes;
  }
}
