import type { ChannelAdapter, RenderedMessage, SendResult } from '../channels/channel';
import type { ChannelKind } from '../domain/channel-kind';
import type { Translator } from '../i18n/translator';
import { retryDelayMs, type BackoffPolicy } from '../lib/backoff';
import type { Clock } from '../lib/clock';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { Logger } from '../lib/logger';
import { renderMessage } from '../rendering/render-message';
import type { ClaimFilter, ExpiryReason, OutboxRecord, OutboxRepo, SentMessage } from '../store/outbox-repo';
import { expiryOf, type LiveData } from './live-data';
import type { ContactsRepo } from '../store/contacts-repo';
import type { CounterName, StatsRepo } from '../store/stats-repo';
import { isQuietTime, type QuietHours } from '../lib/quiet-hours';
import type { SendPacer } from './send-pacer';
import { inTransaction, type Db } from '../store/database';

/** What the dispatcher needs. */
export interface OutboxDispatcherDeps {
  readonly db: Db;
  readonly outbox: OutboxRepo;
  readonly contacts: ContactsRepo;
  readonly stats: StatsRepo;
  readonly translator: Translator;
  /** The data messages are rendered from when they leave, and whether their moment has passed. */
  readonly live: LiveData;
  readonly adapters: readonly ChannelAdapter[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random: () => number;
  /** Restricts what this dispatcher delivers (the console delivers only to the person at the keyboard). */
  readonly scope?: Omit<ClaimFilter, 'limit'>;
  /** Attempts before a message is given up as failed. */
  readonly maxAttempts?: number;
  /** Keeps each channel within its rates. */
  readonly pacer?: SendPacer;
  /** Bulk messages wait while these hours last on the city's clock; replies never wait. */
  readonly quietHours?: { readonly hours: QuietHours; readonly timeZone: string } | null;
  readonly backoff?: BackoffPolicy;
  /**
   * What a message may hold only as it leaves (a one-time sign-in link, made then and never
   * stored); null when the message has expired and must not leave.
   */
  readonly fillAtSend?: (message: OutgoingMessage, now: Date) => OutgoingMessage | null;
}

/** Rows claimed at once; also the most outcomes written in one transaction. */
const BATCH = 100;
/** The longest an outcome waits in memory for others to be written with it (a slow, paced channel). */
const RECORD_WITHIN_MS = 200;

/**
 * A claimed row that waited longer than this for its turn (behind a paced channel) is read again
 * before it is sent: the person may have written STOP, changed language or been erased meanwhile.
 */
const FRESH_FOR_MS = 1_000;

/**
 * What became of a claimed row: a send's result with what was sent, or cancelled without
 * sending (nobody to receive it, or its moment has passed).
 */
type Outcome =
  | (SendResult & { readonly sent: SentMessage })
  | { readonly status: 'cancelled'; readonly reason: 'superseded' | 'opted_out' | 'unreachable' | 'expired' | `expired_${ExpiryReason}` };

/**
 * The row's id and creation time: the same for every attempt at the row, and never reused by
 * another message, even if the database is recreated and ids start again at 1 (a homeserver
 * remembers transaction ids for a while, and would swallow a new message under an old id).
 */
function idempotencyKey(row: OutboxRecord): string {
  return `${row.id}.${Date.parse(row.createdAt)}`;
}

/**
 * Delivers outbox rows: claims due rows, renders each in its reader's language for its channel,
 * sends it, and records the outcome. Retryable errors come back later with backoff (or the delay
 * the channel asked for); permanent ones end the row as failed with the reason; people who
 * opted out, or can no longer be reached, receive nothing. Replies go before bulk messages, each
 * channel's rates are kept, and bulk messages wait out the quiet hours.
 */
export class OutboxDispatcher {
  private readonly adapters: ReadonlyMap<ChannelKind, ChannelAdapter>;
  /**
   * Outcomes not written yet: they are written together, in one transaction, once the claimed
   * rows are all handled — in the transaction that claims the next ones, one commit for both —
   * or once the oldest has waited RECORD_WITHIN_MS (a paced channel). When the database cannot
   * be written, they wait here, and nothing more is claimed until they are written (the message
   * went out: a row left `sending` would be sent again after a restart). A crash loses at most
   * these, and they are among the rows in flight.
   */
  private unrecorded: { row: OutboxRecord; outcome: Outcome; at: number }[] = [];
  /** Rows claimed and not yet delivered: a run stopped by the database goes on with them next time. */
  private claimed: OutboxRecord[] = [];
  /** When the rows in `claimed` were read. */
  private claimedAt = 0;
  private stopping = false;

  constructor(private readonly deps: OutboxDispatcherDeps) {
    this.adapters = new Map(deps.adapters.map((a) => [a.kind, a]));
  }

  /** Puts back in the queue rows (of this dispatcher's scope) a stopped process had claimed but not finished. Call at start-up. */
  recover(): number {
    const recovered = this.deps.outbox.recoverClaimed(this.deps.clock.now(), this.deps.scope);
    if (recovered > 0) this.deps.logger.warn('outbox_recovered', { rows: recovered });
    return recovered;
  }

  /**
   * Sends everything due now, until nothing is left due; returns how many rows were handled.
   * Throws a store error when the database cannot be written: the caller retries later.
   */
  async dispatchDue(): Promise<number> {
    this.recordUnrecorded();
    let handled = 0;
    for (;;) {
      if (this.claimed.length === 0) {
        const now = this.deps.clock.now();
        const quiet = this.deps.quietHours;
        const repliesOnly = quiet ? isQuietTime(now, quiet.hours, quiet.timeZone) : false;
        // Outcomes first: a contact's next row is claimed once its previous one is no longer `sending`.
        this.claimed = inTransaction(this.deps.db, () => {
          this.writeOutcomes(this.unrecorded);
          return this.deps.outbox.claimDue(now, { channels: [...this.adapters.keys()], ...this.deps.scope, repliesOnly, limit: BATCH });
        });
        this.unrecorded = [];
        this.claimedAt = now.getTime();
        if (this.claimed.length === 0) return handled;
      }
      for (let claimed = this.claimed[0]; claimed; claimed = this.claimed[0]) {
        if (this.stopping) return handled;
        const row = this.deps.clock.now().getTime() - this.claimedAt > FRESH_FOR_MS ? this.deps.outbox.current(claimed.id) : claimed;
        // Gone meanwhile (its person was erased) or ended by someone else (a cancelled session): left alone.
        if (row?.status === 'sending') this.unrecorded.push({ row, outcome: await this.deliver(row), at: this.deps.clock.now().getTime() });
        this.claimed.shift();
        handled++;
        // Throws while the database cannot be written: the rest stay claimed, in memory.
        if (this.deps.clock.now().getTime() - (this.unrecorded[0]?.at ?? 0) >= RECORD_WITHIN_MS) this.recordUnrecorded();
      }
    }
  }

  /**
   * Stops after the message being sent (call, then wait for the run under way): a process asked
   * to stop does not first send a whole notice. What was claimed and not sent goes back in the
   * queue (or, if that cannot be written now, is requeued at the next start).
   */
  stop(): void {
    this.stopping = true;
  }

  /** After `stop()` and the end of the run: gives back what was claimed and not sent. */
  releaseClaimed(): void {
    const ids = this.claimed.map((row) => row.id);
    this.claimed = [];
    if (ids.length > 0) inTransaction(this.deps.db, () => this.deps.outbox.release(ids, this.deps.clock.now()));
    this.recordUnrecorded();
  }

  /** Sends a claimed row (or not, when nobody is to receive it); its outcome is written later. */
  private async deliver(row: OutboxRecord): Promise<Outcome> {
    const { logger, clock } = this.deps;
    // Another question was queued after it: the person is to see that one only.
    if (row.superseded) return { status: 'cancelled', reason: 'superseded' };
    if (row.recipientOptedOut && !row.ignoreOptOut) return { status: 'cancelled', reason: 'opted_out' };
    if (row.recipientUnreachable) return { status: 'cancelled', reason: 'unreachable' };
    // A reminder for a session that has begun, a question of a consultation that has closed: never late.
    const expired = expiryOf(row.message, this.deps.live, clock.now());
    if (expired) return { status: 'cancelled', reason: `expired_${expired}` };
    const adapter = this.adapters.get(row.channel);
    // Rows are claimed only for the channels this dispatcher has adapters for.
    if (!adapter) throw new Error(`claimed a ${row.channel} row without its adapter`);
    // A one-time secret (a sign-in link) is made only now, as the message leaves.
    const message = this.deps.fillAtSend ? this.deps.fillAtSend(row.message, clock.now()) : row.message;
    if (message === null) return { status: 'cancelled', reason: 'expired' };
    // Rendered now, from the data and the reader's language of this moment.
    const render = (what: OutgoingMessage) =>
      renderMessage(what, row.targetLanguage, this.deps.translator, adapter.capabilities, {
        live: (ref) => this.deps.live.resolve(ref),
        onMissing: (key, placeholder) => logger.error('text_parameter_missing', { outbox: row.id, key, placeholder }),
      });
    const rendered = render(message);
    // What is kept of it never holds the secret: the message as it was before the link was made.
    const sent = sentMessage(message === row.message ? rendered : render(row.message));
    await this.deps.pacer?.wait(row.channel, row.targetAddress);
    try {
      this.deps.pacer?.sending(row.channel, row.targetAddress);
      return { ...(await adapter.send(row.targetAddress, rendered, { idempotencyKey: idempotencyKey(row), partsSent: row.partsSent })), sent };
    } catch (error) {
      // Adapters classify their errors; one that throws has a bug, but the message is not lost.
      logger.error('send_threw', { outbox: row.id, channel: row.channel, error: (error as Error).message });
      return { status: 'retry', reason: 'adapter_error', sent };
    }
  }

  /**
   * Writes the outcomes that waited, with their counters, in one transaction: all or none.
   * Throws (keeping them all) while the database cannot be written.
   */
  private recordUnrecorded(): void {
    if (this.unrecorded.length === 0) return;
    inTransaction(this.deps.db, () => this.writeOutcomes(this.unrecorded));
    this.unrecorded = [];
  }

  /** Writes outcomes, inside the caller's transaction, and adds them to the monthly counters (once per counter). */
  private writeOutcomes(outcomes: readonly { row: OutboxRecord; outcome: Outcome }[]): void {
    const now = this.deps.clock.now();
    const counts = new Map<CounterName, number>();
    const count = (name: CounterName, by = 1) => counts.set(name, (counts.get(name) ?? 0) + by);
    for (const { row, outcome } of outcomes) this.recordOutcome(row, outcome, now, count);
    for (const [name, by] of counts) this.deps.stats.increment(name, now, by);
  }

  private recordOutcome(row: OutboxRecord, result: Outcome, now: Date, count: (name: CounterName, by?: number) => void): void {
    const { outbox, logger, contacts } = this.deps;
    const maxAttempts = this.deps.maxAttempts ?? 8;
    switch (result.status) {
      case 'cancelled':
        outbox.finish(row.id, 'cancelled', result.reason, now);
        return;
      case 'sent':
        count('message_sent');
        if (result.segments !== undefined && row.channel === 'sms') count('sms_segment_sent', result.segments);
        // A detached row is the goodbye of an erased person: keep no trace of their address.
        if (row.detached) outbox.delete(row.id);
        else outbox.markSent(row.id, now, result.providerId ?? null, result.sent);
        logger.debug('message_sent', { outbox: row.id, channel: row.channel });
        return;
      case 'retry': {
        if (row.attempts >= maxAttempts) {
          count('message_failed');
          outbox.finish(row.id, 'failed', `too_many_attempts: ${result.reason}`, now);
          logger.warn('message_failed', { outbox: row.id, channel: row.channel, reason: result.reason, attempts: row.attempts });
          return;
        }
        const delay = result.retryAfterMs ?? retryDelayMs(row.attempts, this.deps.random, this.deps.backoff);
        outbox.retryLater(row.id, new Date(now.getTime() + delay), result.reason, now, result.partsSent ?? row.partsSent);
        logger.info('message_retry', { outbox: row.id, channel: row.channel, reason: result.reason, delay_ms: delay });
        return;
      }
      case 'failed':
        count('message_failed');
        outbox.finish(row.id, 'failed', result.reason, now);
        if (result.unreachable && row.contactId !== null) contacts.markUnreachable(row.contactId, now);
        logger.warn('message_failed', { outbox: row.id, channel: row.channel, reason: result.reason });
        return;
    }
  }
}

/** What is kept of a message as sent: its text and its buttons' labels. */
function sentMessage(rendered: RenderedMessage): SentMessage {
  const buttons = rendered.buttons?.map((b) => b.label);
  return { text: rendered.text, ...(buttons && buttons.length > 0 ? { buttons } : {}) };
}
