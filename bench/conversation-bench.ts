/**
 * Conversation benchmark: how many inbound messages per second ConversationService.handle
 * processes, and how long each takes, for scripted volunteer registrations on a real SQLite file;
 * then how fast a dispatcher drains the outbox those conversations filled.
 *
 *   npm run bench                                   # 1000 residents
 *   node dist/bench/conversation-bench.js --residents 2000 [--seed 7]
 *
 * Prints a human-readable report, then one `BENCH_JSON {...}` line for tooling. Exits 1 if any
 * resident did not end up registered or any reply was not delivered: a benchmark of a broken
 * path measures nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { App } from '../src/app/create-app';
import type { ChannelAdapter, RenderedMessage, SendResult } from '../src/channels/channel';
import { listVolunteers } from '../src/volunteers/list-volunteers';
import { RssPeak, withTemporaryApp } from './bench-support';
import { summariseNs, type LatencySummary } from './latency';
import { seededRandom } from '../src/lib/seeded-random';
import { MESSAGES_PER_RESIDENT, scriptResidents, type ScriptedResident } from './registration-script';

/** Residents registered before measuring (JIT, prepared statements, i18next), excluded from the figures. */
const WARMUP_RESIDENTS = 4;
/** Sample RSS every this many messages: often enough to catch the peak, rarely enough to cost nothing. */
const RSS_SAMPLE_EVERY = 100;

/** Command-line options. */
export interface BenchOptions {
  readonly residents: number;
  readonly seed: number;
}

/** Everything the benchmark measured; also the shape of the BENCH_JSON line. */
export interface BenchResult {
  readonly node: string;
  readonly residents: number;
  /** Measured inbound messages (warm-up excluded). */
  readonly messages: number;
  /** Wall time of the measured handling loop. */
  readonly seconds: number;
  /** CPU time (user + system, every thread of the process) of that loop: well under `seconds` means waiting on the disk (fsync). */
  readonly cpuSeconds: number;
  readonly messagesPerSecond: number;
  /** Per `handle` call, nearest-rank percentiles. */
  readonly latency: LatencySummary;
  /** The database file once the WAL is checkpointed into it. */
  readonly dbBytes: number;
  /** The WAL file right after the handling loop (bounded by SQLite's automatic checkpoints). */
  readonly walBytesAtEnd: number;
  /** Highest sampled RSS over warm-up, handling and delivery. */
  readonly rssPeakBytes: number;
  /** Outbox rows the measured drain handled (all sent: the run fails otherwise). */
  readonly outboxRows: number;
  readonly outboxSeconds: number;
  readonly outboxRowsPerSecond: number;
  readonly seed: number;
}

/** Parses `--residents N` (default 1000) and `--seed N` (default 1). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { residents: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
    strict: true,
  });
  return { residents: positiveInteger('--residents', values.residents), seed: positiveInteger('--seed', values.seed) };
}

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} expects a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** A console adapter that sends nowhere and counts what it was given, so delivery is measured without I/O. */
class NullConsoleAdapter implements ChannelAdapter {
  readonly kind = 'console' as const;
  readonly capabilities = { buttons: false };
  sent = 0;

  constructor(private readonly rss: RssPeak) {}

  async send(_address: string, message: RenderedMessage): Promise<SendResult> {
    // An empty render is a bug (missing translation key); the dispatcher would count it as sent.
    if (message.text.length === 0) throw new Error('empty rendered message');
    this.sent += 1;
    // The drain never yields to timers either (every await here resolves at once): sample by hand.
    if (this.sent % RSS_SAMPLE_EVERY === 0) this.rss.sample();
    return { status: 'sent' };
  }
}

/** What a run of conversations measured. */
interface ConversationRun {
  readonly messages: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly latenciesNs: Float64Array;
}

/**
 * Sends every resident's script round-robin: message k of every resident before message k+1 of
 * any, so that all conversations are open at once, as in a real city, instead of one after another.
 */
function runConversations(app: App, residents: readonly ScriptedResident[], rss: RssPeak): ConversationRun {
  const latenciesNs = new Float64Array(residents.length * MESSAGES_PER_RESIDENT);
  let count = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let k = 0; k < MESSAGES_PER_RESIDENT; k++) {
    for (const resident of residents) {
      const text = resident.messages[k];
      if (text === undefined) throw new Error(`${resident.address} has no message ${k}`);
      const before = process.hrtime.bigint();
      const { outcome } = app.conversations.handle({ channel: 'console', address: resident.address, externalId: `${resident.address}#${k}`, text });
      latenciesNs[count] = Number(process.hrtime.bigint() - before);
      if (outcome !== 'processed') throw new Error(`${resident.address} message ${k} (${JSON.stringify(text)}): ${outcome}`);
      count += 1;
      if (count % RSS_SAMPLE_EVERY === 0) rss.sample();
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { messages: count, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, latenciesNs };
}

/** Drains the outbox through `adapter`; returns the rows handled and how long it took. */
async function drainOutbox(app: App, adapter: NullConsoleAdapter): Promise<{ rows: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const rows = await app.dispatcher([adapter]).dispatchDue();
  return { rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Problems with the registrations: every scripted resident must be a volunteer with the profile they typed. */
function registrationProblems(app: App, residents: readonly ScriptedResident[]): string[] {
  const volunteers = listVolunteers(app.store, app.settings.city);
  const problems: string[] = [];
  if (volunteers.length !== residents.length) problems.push(`${volunteers.length} volunteers for ${residents.length} scripted residents`);
  const byAddress = new Map<string, { firstName: string; neighbourhood: string }>();
  for (const v of volunteers) {
    for (const c of v.contact_points) if (c.channel === 'console') byAddress.set(c.address, { firstName: v.first_name, neighbourhood: v.neighbourhood });
  }
  for (const r of residents) {
    const found = byAddress.get(r.address);
    if (!found) problems.push(`${r.address} is not registered (script: ${JSON.stringify(r.messages)})`);
    else if (found.firstName !== r.expected.firstName || found.neighbourhood !== r.expected.neighbourhood) {
      problems.push(`${r.address} registered as ${JSON.stringify(found)}, expected ${JSON.stringify(r.expected)}`);
    }
  }
  return problems;
}

/** Problems with delivery: every outbox row must have been sent, and the adapter must have seen each one. */
function deliveryProblems(app: App, adapter: NullConsoleAdapter, claimed: number): string[] {
  const statuses = app.store.db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status').all();
  const problems = statuses.filter((s) => s.status !== 'sent').map((s) => `${s.n} outbox rows left ${s.status}`);
  if (adapter.sent !== claimed) problems.push(`dispatcher handled ${claimed} rows but the adapter sent ${adapter.sent}`);
  return problems;
}

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** Fails loudly, with a bounded list, rather than printing figures of a broken run. */
function assertNoProblems(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 10).map((p) => `  ${p}`).join('\n');
  throw new Error(`${what}: ${problems.length} problem(s)\n${shown}${problems.length > 10 ? '\n  …' : ''}`);
}

/** Runs the whole benchmark: warm-up, measured conversations, measured delivery, then the checks. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  return withTemporaryApp(async (app, dbFile) => {
    const random = seededRandom(options.seed);
    const warmup = scriptResidents('warmup', WARMUP_RESIDENTS, random);
    const residents = scriptResidents('resident', options.residents, random);
    const rss = new RssPeak();

    // Warm-up on separate residents, delivery included, so the measured outbox holds only measured rows.
    runConversations(app, warmup, rss);
    await drainOutbox(app, new NullConsoleAdapter(rss));

    const run = runConversations(app, residents, rss);
    rss.sample();
    const walBytesAtEnd = fileSize(`${dbFile}-wal`);
    const adapter = new NullConsoleAdapter(rss);
    const delivery = await drainOutbox(app, adapter);
    rss.sample();

    assertNoProblems('registration check failed', registrationProblems(app, [...warmup, ...residents]));
    assertNoProblems('delivery check failed', deliveryProblems(app, adapter, delivery.rows));
    // Move everything from the WAL into the main file, so that its size is the whole database.
    app.store.db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      node: process.version,
      residents: options.residents,
      messages: run.messages,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      messagesPerSecond: run.messages / run.seconds,
      latency: summariseNs(run.latenciesNs),
      dbBytes: fileSize(dbFile),
      walBytesAtEnd,
      rssPeakBytes: rss.bytes,
      outboxRows: delivery.rows,
      outboxSeconds: delivery.seconds,
      outboxRowsPerSecond: delivery.rows / delivery.seconds,
      seed: options.seed,
    };
  });
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const fixed = (value: number, digits: number) => value.toFixed(digits);

/** The human-readable report. */
export function formatReport(r: BenchResult): string {
  return [
    'Parlons conversation benchmark',
    `  node                 ${r.node} (${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs)`,
    `  residents            ${r.residents} (+${WARMUP_RESIDENTS} warm-up, excluded), seed ${r.seed}`,
    `  messages             ${r.messages} (interleaved, ${MESSAGES_PER_RESIDENT} per resident)`,
    `  total                ${fixed(r.seconds, 2)} s (CPU, all threads: ${fixed(r.cpuSeconds, 2)} s)`,
    `  throughput           ${fixed(r.messagesPerSecond, 0)} messages/s`,
    `  latency              p50 ${fixed(r.latency.p50Ms, 3)} ms   p99 ${fixed(r.latency.p99Ms, 3)} ms   max ${fixed(r.latency.maxMs, 3)} ms   (mean ${fixed(r.latency.meanMs, 3)} ms)`,
    `  database             ${mib(r.dbBytes)} (checkpointed; WAL was ${mib(r.walBytesAtEnd)} at end of run)`,
    `  RSS peak             ${mib(r.rssPeakBytes)}`,
    `  outbox delivery      ${r.outboxRows} rows in ${fixed(r.outboxSeconds, 2)} s = ${fixed(r.outboxRowsPerSecond, 0)} rows/s (claim, render, send, record)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const result = await runBench(parseOptions(process.argv.slice(2)));
  process.stdout.write(`${formatReport(result)}\n`);
  process.stdout.write(`BENCH_JSON ${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
