/**
 * Exact rates, in real time: the dispatcher sends through channels that record when each message
 * left, at the rates Parlons is configured with by default — Telegram's 30 a second (a notice to
 * many chats), Telegram's 1 a second in one chat (a run of replies to one person), and the
 * homeserver's bucket on Matrix (10 at once, then one every 5 s). Each runs on its own database,
 * all at once. No one-second window may hold more than the rate (for the bucket: no window of t
 * seconds more than 10 + 0.2 t), and the long-run rate must be within 5% of the configured one.
 *
 *   node dist/bench/rates-bench.js [--seconds 10]
 *
 * Exits 1 when a rate is exceeded or the long-run rate is more than 5% off.
 */
import type { App } from '../src/app/create-app';
import { sendBroadcast } from '../src/broadcasts/send-broadcast';
import type { ChannelKind } from '../src/domain/channel-kind';
import { literal } from '../src/domain/text';
import { inTransaction } from '../src/store/database';
import { benchMain, positiveInteger, withTemporaryApp } from './bench-support';
import { fixed } from './measures';
import { NowhereChannel } from './nowhere-channel';

/** The long-run rate may be this much below the configured one (it may never be above). */
const TOLERANCE = 0.05;

/** One rate kept, as measured. */
export interface RateRun {
  readonly name: string;
  readonly channel: ChannelKind;
  /** Configured: per second, and what may go at once. */
  readonly perSecond: number;
  readonly burst: number;
  readonly sends: number;
  readonly seconds: number;
  /** The most sends in any window of one second (wall clock, milliseconds). */
  readonly busiestSecond: number;
  /** Sends beyond the first burst, divided by the time they took. */
  readonly longRunPerSecond: number;
  /** (long-run − configured) / configured. */
  readonly deviation: number;
  /** Windows that held more than the rate allows, as "n sends in t ms". */
  readonly overRate: readonly string[];
}

/** What the rates benchmark measured; also its BENCH_JSON line. */
export interface RatesResult {
  readonly runs: readonly RateRun[];
}

/** The most sends in any window of `windowMs` that starts at a send. */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let end = 0;
  for (let start = 0; start < times.length; start++) {
    while (end < times.length && (times[end] ?? 0) < (times[start] ?? 0) + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

/** `count` people with a contact point each on `channel`, in one transaction. */
function seedPeople(app: App, channel: ChannelKind, count: number): void {
  const now = app.clock.now();
  inTransaction(app.store.db, () => {
    for (let i = 0; i < count; i++) app.store.contacts.create(app.store.people.create('fr', now), channel, `${channel}-${i + 1}`, now);
  });
}

/** `count` replies queued for one person. */
function queueReplies(app: App, channel: ChannelKind, count: number): void {
  const now = app.clock.now();
  const contact = app.store.contacts.create(app.store.people.create('fr', now), channel, `${channel}-alone`, now);
  inTransaction(app.store.db, () => {
    for (let i = 0; i < count; i++) app.store.outbox.enqueue({ contactId: contact.id, channel, kind: 'reply', message: { parts: [literal(`Réponse ${i + 1}`)] }, notBefore: now }, now);
  });
}

/** Sends what `queue` queued through a channel that notes when each message left, at the settings' rates; returns the send times. */
async function timedRun(settings: Record<string, string>, channel: ChannelKind, queue: (app: App) => void): Promise<number[]> {
  return withTemporaryApp(
    async (app) => {
      queue(app);
      const nowhere = new NowhereChannel(channel);
      await app.dispatcher([nowhere]).dispatchDue();
      return nowhere.times;
    },
    { PARLONS_QUIET_HOURS: 'off', ...settings },
  );
}

/** Checks send times against a rate: `burst` at once, then `perSecond`. */
function measured(name: string, channel: ChannelKind, perSecond: number, burst: number, times: readonly number[]): RateRun {
  const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const afterBurst = Math.max(0, times.length - Math.max(burst, 1));
  // With a burst, the first `burst` go at once and the rest come at the rate; without, n sends take (n − 1) / rate.
  const longRunPerSecond = seconds > 0 ? (burst > 1 ? afterBurst : times.length - 1) / seconds : 0;
  const overRate: string[] = [];
  // Windows from one second up to the whole run: none may hold more than burst + rate × t (burst 1: the rate per second).
  for (const windowMs of [1_000, 2_000, 5_000, 10_000, 30_000]) {
    const allowed = burst > 1 ? Math.floor(burst + (perSecond * windowMs) / 1000) : Math.ceil((perSecond * windowMs) / 1000);
    const most = busiestWindow(times, windowMs);
    if (most > allowed) overRate.push(`${most} sends in ${windowMs} ms (at most ${allowed})`);
  }
  return { name, channel, perSecond, burst, sends: times.length, seconds, busiestSecond: busiestWindow(times, 1_000), longRunPerSecond, deviation: (longRunPerSecond - perSecond) / perSecond, overRate };
}

/** Runs the three rates at once, each about `seconds` long. */
export async function runRates(seconds: number): Promise<RatesResult> {
  const telegram = { TELEGRAM_BOT_TOKEN: '123456:bench', TELEGRAM_RATE_LIMIT: '30', TELEGRAM_CHAT_RATE_LIMIT: '1' };
  const matrix = { MATRIX_HOMESERVER_URL: 'http://127.0.0.1:1', MATRIX_ACCESS_TOKEN: 'bench', MATRIX_E2EE: 'off', MATRIX_RATE_LIMIT: '0.2' };
  const [notice, chat, bucket] = await Promise.all([
    timedRun(telegram, 'telegram', (app) => {
      seedPeople(app, 'telegram', 30 * seconds + 1);
      sendBroadcast(app.store, { audience: [{ kind: 'all' }], texts: { fr: 'Annonce' }, sendAt: app.clock.now() }, app.clock.now());
    }),
    timedRun(telegram, 'telegram', (app) => queueReplies(app, 'telegram', seconds + 1)),
    timedRun(matrix, 'matrix', (app) => queueReplies(app, 'matrix', 10 + Math.max(1, Math.floor(seconds / 5)))),
  ]);
  return {
    runs: [
      measured('Telegram, a notice to many chats', 'telegram', 30, 1, notice),
      measured('Telegram, replies in one chat', 'telegram', 1, 1, chat),
      measured('Matrix, replies (homeserver bucket)', 'matrix', 0.2, 10, bucket),
    ],
  };
}

/** Its part of the report. */
export function formatRates(r: RatesResult): string {
  return [
    'Exact rates (real time, no-op channels, the default rates)',
    ...r.runs.map(
      (run) =>
        `  ${run.name.padEnd(38)} ${run.sends} sends in ${fixed(run.seconds, 2)} s: busiest second ${run.busiestSecond} (rate ${run.perSecond}${run.burst > 1 ? `, burst ${run.burst}` : ''}), long run ${fixed(run.longRunPerSecond, 2)}/s (${run.deviation >= 0 ? '+' : ''}${fixed(run.deviation * 100, 1)}%)${run.overRate.length > 0 ? `; OVER: ${run.overRate.join(', ')}` : ''}`,
    ),
  ].join('\n');
}

/** Problems to fail the run for: a rate exceeded, or a long run more than 5% off. */
export function rateProblems(r: RatesResult): string[] {
  return r.runs.flatMap((run) => [
    ...run.overRate.map((o) => `${run.name}: ${o}`),
    ...(Math.abs(run.deviation) > TOLERANCE ? [`${run.name}: long-run rate ${fixed(run.longRunPerSecond, 2)}/s, configured ${run.perSecond}/s`] : []),
  ]);
}

if (require.main === module) {
  benchMain(
    { seconds: { default: '10' } },
    async (values) => {
      const result = await runRates(positiveInteger('--seconds', values.seconds));
      const problems = rateProblems(result);
      if (problems.length > 0) throw new Error(`${formatRates(result)}\n${problems.join('\n')}`);
      return result;
    },
    formatRates,
  );
}
