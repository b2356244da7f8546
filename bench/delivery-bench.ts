/**
 * Delivery benchmark: how long queuing a broadcast to 100,000 people takes, how fast the
 * dispatcher delivers with a channel that does nothing and no rate limit, and whether the rate
 * limiter keeps its rate over measured windows of real time.
 *
 *   npm run bench                                  # after the conversation benchmark
 *   node dist/bench/delivery-bench.js --people 100000 --rate 500 --paced 2500
 *
 * Exits 1 if a message is lost or the limiter is ever over its rate.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { App } from '../src/app/create-app';
import { sendBroadcast } from '../src/broadcasts/send-broadcast';
import type { ChannelAdapter, RenderedMessage, SendResult } from '../src/channels/channel';
import { CHANNEL_CAPABILITIES } from '../src/channels/capabilities';
import { inTransaction } from '../src/store/database';
import { RssPeak, withTemporaryApp } from './bench-support';

/** A Telegram adapter that sends nowhere, recording when each send happened (ms, monotonic). */
class NullTelegramAdapter implements ChannelAdapter {
  readonly kind = 'telegram' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.telegram;
  readonly times: number[] = [];

  constructor(private readonly rss: RssPeak) {}

  async send(_address: string, message: RenderedMessage): Promise<SendResult> {
    if (message.text.length === 0) throw new Error('empty rendered message');
    this.times.push(performance.now());
    if (this.times.length % 1000 === 0) this.rss.sample();
    return { status: 'sent' };
  }
}

/** `count` people, each with a Telegram chat, inserted in one transaction (setup, not measured). */
function seedPeople(app: App, count: number): void {
  const now = new Date();
  inTransaction(app.store.db, () => {
    for (let i = 0; i < count; i++) app.store.contacts.create(app.store.people.create('fr', now), 'telegram', String(1_000_000 + i), now);
  });
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

/** The most sends in any window of `windowMs` that starts at a send. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let end = 0;
  for (let start = 0; start < times.length; start++) {
    while (end < times.length && times[end]! < times[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

const UNLIMITED = { TELEGRAM_BOT_TOKEN: '1:bench', TELEGRAM_RATE_LIMIT: '0', TELEGRAM_CHAT_RATE_LIMIT: '0', PARLONS_QUIET_HOURS: 'off' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { people: { type: 'string', default: '100000' }, rate: { type: 'string', default: '500' }, paced: { type: 'string', default: '2500' } },
  });
  const people = Number(values.people);
  const rate = Number(values.rate);
  const paced = Number(values.paced);
  const rss = new RssPeak();
  const problems: string[] = [];

  const unlimited = await withTemporaryApp(async (app) => {
    seedPeople(app, people);
    rss.sample();
    let started = performance.now();
    const queued = sendBroadcast(app.store, { audience: [{ kind: 'all' }], texts: { fr: 'Séance de l’assemblée samedi à 10 h, salle des fêtes.' }, sendAt: new Date() }, new Date());
    const enqueueSeconds = seconds(started);
    rss.sample();
    const adapter = new NullTelegramAdapter(rss);
    started = performance.now();
    await app.dispatcher([adapter]).dispatchDue();
    const dispatchSeconds = seconds(started);
    if (queued.recipients !== people || adapter.times.length !== people) problems.push(`queued ${queued.recipients}, delivered ${adapter.times.length}, expected ${people}`);
    return { enqueueSeconds, dispatchSeconds };
  }, UNLIMITED);

  const limited = await withTemporaryApp(async (app) => {
    seedPeople(app, paced);
    sendBroadcast(app.store, { audience: [{ kind: 'all' }], texts: { fr: 'Annonce' }, sendAt: new Date() }, new Date());
    const adapter = new NullTelegramAdapter(rss);
    await app.dispatcher([adapter]).dispatchDue();
    const times = adapter.times;
    // The bucket allows one second's worth at once (burst = rate), then `rate` per second.
    const oneSecond = busiestWindow(times, 1_000);
    const duration = (times.at(-1)! - times[0]!) / 1000;
    // Beyond the first burst, sends can only come as fast as the bucket refills.
    const sustained = duration > 0 ? (times.length - rate) / duration : 0;
    for (const windowMs of [1_000, 2_000, 4_000]) {
      const allowed = rate + (rate * windowMs) / 1000 + 1;
      if (busiestWindow(times, windowMs) > allowed) problems.push(`over the rate: ${busiestWindow(times, windowMs)} sends in ${windowMs} ms (allowed ${allowed})`);
    }
    if (times.length !== paced) problems.push(`paced run delivered ${times.length} of ${paced}`);
    return { oneSecond, sustained, seconds: duration };
  }, { ...UNLIMITED, TELEGRAM_RATE_LIMIT: String(rate) });

  const result = {
    node: process.version,
    people,
    enqueueSeconds: unlimited.enqueueSeconds,
    enqueuePerSecond: people / unlimited.enqueueSeconds,
    dispatchSeconds: unlimited.dispatchSeconds,
    dispatchPerSecond: people / unlimited.dispatchSeconds,
    rate,
    paced,
    pacedSeconds: limited.seconds,
    busiestSecond: limited.oneSecond,
    sustainedPerSecond: limited.sustained,
    rssPeakBytes: rss.bytes,
  };
  const fixed = (n: number, digits = 0) => n.toFixed(digits);
  process.stdout.write(
    [
      'Parlons delivery benchmark',
      `  broadcast enqueue    ${people} people in ${fixed(result.enqueueSeconds, 2)} s = ${fixed(result.enqueuePerSecond)} rows/s (one transaction)`,
      `  dispatcher           ${people} rows in ${fixed(result.dispatchSeconds, 2)} s = ${fixed(result.dispatchPerSecond)} rows/s (no-op channel, no rate limit)`,
      `  rate limiter         ${paced} sends at ${rate}/s in ${fixed(result.pacedSeconds, 2)} s; busiest second ${result.busiestSecond} (burst ${rate} + ${rate}/s), sustained ${fixed(result.sustainedPerSecond, 1)}/s`,
      `  RSS peak             ${fixed(result.rssPeakBytes / 1024 / 1024, 1)} MiB`,
      `BENCH_JSON ${JSON.stringify(result)}`,
      '',
    ].join('\n'),
  );
  if (problems.length > 0) throw new Error(problems.join('; '));
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
