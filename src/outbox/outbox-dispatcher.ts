import type { ChannelAdapter, SendResult } from '../channels/channel';
import type { ChannelKind } from '../domain/channel-kind';
import type { Translator } from '../i18n/translator';
import { retryDelayMs, type BackoffPolicy } from '../lib/backoff';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { renderMessage } from '../rendering/render-message';
import type { ClaimFilter, OutboxRecord, OutboxRepo } from '../store/outbox-repo';
import type { ContactsRepo } from '../store/contacts-repo';
import type { StatsRepo } from '../store/stats-repo';
import { isQuietTime, type QuietHours } from '../lib/quiet-hours';
import type { SendPacer } from './send-pacer';
import { inTransaction, type Db } from '../store/database';
import { isTransientStoreProblem } from '../store/store-problem';

/** What the dispatcher needs. */
export interface OutboxDispatcherDeps {
  readonly db: Db;
  readonly outbox: OutboxRepo;
  readonly contacts: ContactsRepo;
  readonly stats: StatsRepo;
  readonly translator: Translator;
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
}

const BATCH = 50;

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
   * Sends whose outcome could not be written (the database was locked or full at that moment).
   * They are written before anything else is claimed: the message went out, and a row left
   * `sending` would be sent again after a restart.
   */
  private unrecorded: { row: OutboxRecord; result: SendResult }[] = [];
  /** Rows claimed and not yet delivered: a run stopped by the database goes on with them next time. */
  private claimed: OutboxRecord[] = [];

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
        this.claimed = this.deps.outbox.claimDue(now, { channels: [...this.adapters.keys()], ...this.deps.scope, repliesOnly, limit: BATCH });
        if (this.claimed.length === 0) return handled;
      }
      for (let row = this.claimed[0]; row; row = this.claimed[0]) {
        await this.deliver(row);
        this.claimed.shift();
        handled++;
        // An outcome that could not be written: stop until it is (the rest stay claimed, in memory).
        this.recordUnrecorded();
      }
    }
  }

  private async deliver(row: OutboxRecord): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    if (row.recipientOptedOut && !row.ignoreOptOut) return outbox.finish(row.id, 'cancelled', 'opted_out', clock.now());
    if (row.recipientUnreachable) return outbox.finish(row.id, 'cancelled', 'unreachable', clock.now());
    const adapter = this.adapters.get(row.channel);
    // Rows are claimed only for the channels this dispatcher has adapters for.
    if (!adapter) throw new Error(`claimed a ${row.channel} row without its adapter`);
    const rendered = renderMessage(row.message, row.targetLanguage, this.deps.translator, adapter.capabilities);
    await this.deps.pacer?.wait(row.channel, row.targetAddress);
    let result: SendResult;
    try {
      result = await adapter.send(row.targetAddress, rendered, { idempotencyKey: idempotencyKey(row) });
    } catch (error) {
      // Adapters classify their errors; one that throws has a bug, but the message is not lost.
      logger.error('send_threw', { outbox: row.id, channel: row.channel, error: (error as Error).message });
      result = { status: 'retry', reason: 'adapter_error' };
    }
    this.record(row, result);
  }

  /**
   * Records the outcome and its counter in one transaction: one commit per message, both or
   * neither. When the database cannot be written now, the outcome waits in memory.
   */
  private record(row: OutboxRecord, result: SendResult): void {
    try {
      inTransaction(this.deps.db, () => this.recordOutcome(row, result));
    } catch (error) {
      if (!isTransientStoreProblem(error)) throw error;
      this.unrecorded.push({ row, result });
    }
  }

  /** Writes the outcomes that waited, oldest first; throws (keeping the rest) while the database still cannot be written. */
  private recordUnrecorded(): void {
    while (this.unrecorded.length > 0) {
      const [first] = this.unrecorded;
      if (!first) return;
      inTransaction(this.deps.db, () => this.recordOutcome(first.row, first.result));
      this.unrecorded.shift();
    }
  }

  private recordOutcome(row: OutboxRecord, result: SendResult): void {
    const { outbox, clock, logger, stats, contacts } = this.deps;
    const now = clock.now();
    const maxAttempts = this.deps.maxAttempts ?? 8;
    switch (result.status) {
      case 'sent':
        stats.increment('message_sent', now);
        if (result.segments !== undefined && row.channel === 'sms') stats.increment('sms_segment_sent', now, result.segments);
        // A detached row is the goodbye of an erased person: keep no trace of their address.
        if (row.detached) outbox.delete(row.id);
        else outbox.markSent(row.id, now, result.providerId ?? null);
        logger.debug('message_sent', { outbox: row.id, channel: row.channel });
        return;
      case 'retry': {
        if (row.attempts >= maxAttempts) {
          stats.increment('message_failed', now);
          outbox.finish(row.id, 'failed', `too_many_attempts: ${result.reason}`, now);
          logger.warn('message_failed', { outbox: row.id, channel: row.channel, reason: result.reason, attempts: row.attempts });
          return;
        }
        const delay = result.retryAfterMs ?? retryDelayMs(row.attempts, this.deps.random, this.deps.backoff);
        outbox.retryLater(row.id, new Date(now.getTime() + delay), result.reason, now);
        logger.info('message_retry', { outbox: row.id, channel: row.channel, reason: result.reason, delay_ms: delay });
        return;
      }
      case 'failed':
        stats.increment('message_failed', now);
        outbox.finish(row.id, 'failed', result.reason, now);
        if (result.unreachable && row.contactId !== null) contacts.markUnreachable(row.contactId, now);
        logger.warn('message_failed', { outbox: row.id, channel: row.channel, reason: result.reason });
        return;
    }
  }
}
