import type { City } from '../domain/city';
import { sameDayAt } from '../lib/clock-time';
import type { Store } from '../store/store';
import { peopleCounts, volunteersBy } from './collect-stats';
import { volunteerBreakdowns, type Breakdown } from './volunteer-breakdowns';

/** Messages of one channel today: received, sent, and failed. */
export interface ChannelDay {
  readonly channel: string;
  readonly received: number;
  readonly sent: number;
  readonly failed: number;
}

/** Messages that failed for one reason on one channel. */
export interface FailureReason {
  readonly channel: string;
  readonly reason: string;
  readonly count: number;
  readonly last: string;
}

/** What waits in the outbox on one channel, of one kind. */
export interface Waiting {
  readonly channel: string;
  readonly kind: string;
  readonly count: number;
  /** How many could leave now (the rest wait for their time, or quiet hours). */
  readonly due: number;
  /** When the first one is due. */
  readonly next: string;
}

/** The agents' dashboard: counts only. */
export interface Dashboard {
  readonly people: number;
  readonly volunteers: number;
  readonly optedOut: number;
  readonly breakdowns: readonly Breakdown[];
  readonly today: readonly ChannelDay[];
  /** Failures of the last `FAILURE_DAYS` days, most frequent first. */
  readonly failures: readonly FailureReason[];
  readonly waiting: readonly Waiting[];
  readonly smsSegmentsThisMonth: number;
  /** When these figures were read. */
  readonly asOf: string;
}

/** How far back failures are listed. */
export const FAILURE_DAYS = 7;

/**
 * The agents' dashboard: people and volunteers by category beside the city's population, today's
 * messages per channel (the city's day), recent failures and why, what waits in the outbox.
 * Read-only reporting across table groups, so it queries the database directly, like `collectStats`.
 */
export function readDashboard(store: Store, city: City, now: Date): Dashboard {
  const { db } = store;
  const counts = peopleCounts(db);
  const dayStart = sameDayAt(now, 0, city.timeZone).toISOString();
  const received = db.prepare<[string], { channel: string; n: number }>('SELECT channel, count(*) AS n FROM inbound_message WHERE received_at >= ? GROUP BY channel').all(dayStart);
  // (`status IN ('sent', 'failed', 'cancelled')` lets SQLite use the index of finished rows: see migration 018.)
  const finished = db
    .prepare<[string], { channel: string; status: string; n: number }>(
      "SELECT channel, status, count(*) AS n FROM outbox WHERE status IN ('sent', 'failed', 'cancelled') AND updated_at >= ? AND status IN ('sent', 'failed') GROUP BY channel, status",
    )
    .all(dayStart);
  const channels = [...new Set([...received.map((r) => r.channel), ...finished.map((r) => r.channel)])].sort();
  const count = (channel: string, status: string) => finished.find((r) => r.channel === channel && r.status === status)?.n ?? 0;
  const since = new Date(now.getTime() - FAILURE_DAYS * 24 * 3_600_000).toISOString();
  const failures = db
    .prepare<[string], { channel: string; reason: string | null; n: number; last: string }>(
      "SELECT channel, error AS reason, count(*) AS n, max(updated_at) AS last FROM outbox WHERE status IN ('sent', 'failed', 'cancelled') AND updated_at >= ? AND status IN ('failed', 'cancelled') GROUP BY channel, error ORDER BY n DESC, channel",
    )
    .all(since);
  const waiting = db
    .prepare<[string], { channel: string; kind: string; n: number; due: number; next: string }>(
      "SELECT channel, kind, count(*) AS n, sum(not_before <= ?) AS due, min(not_before) AS next FROM outbox WHERE status IN ('queued', 'sending') GROUP BY channel, kind ORDER BY channel, kind",
    )
    .all(now.toISOString());
  const month = now.toISOString().slice(0, 7);
  return {
    people: counts.people,
    volunteers: counts.volunteers,
    optedOut: counts.opted_out,
    breakdowns: volunteerBreakdowns(volunteersBy(db), city, false),
    today: channels.map((channel) => ({ channel, received: received.find((r) => r.channel === channel)?.n ?? 0, sent: count(channel, 'sent'), failed: count(channel, 'failed') })),
    failures: failures.map((f) => ({ channel: f.channel, reason: f.reason ?? 'unknown', count: f.n, last: f.last })),
    waiting: waiting.map((w) => ({ channel: w.channel, kind: w.kind, count: w.n, due: w.due, next: w.next })),
    smsSegmentsThisMonth: store.stats.counters().find((row) => row.name === 'sms_segment_sent' && row.month === month)?.value ?? 0,
    asOf: now.toISOString(),
  };
}
