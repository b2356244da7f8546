/**
 * `npm run bench`: the whole story in one report. Each part runs in a process of its own (fresh
 * memory, its own figures), in this order, and prints its section as it goes:
 *
 *   raw          raw one-row commits: the yardstick, on the same SQLite and file system
 *   inbound      messages through the group commit (InboundCommitter), at several concurrencies
 *   end-to-end   message in → every reply sent, as `parlons start` serves
 *   rates        the channels' rates kept exactly, in real time
 *   scale        100,000 residents: database size, notice planning, the dispatcher, `parlons start` RSS
 *   matrix-crypto, web   the other benchmarks (Matrix encryption, the web face)
 *   draws        `draw prepare` among 1,000 volunteers, leximin against the legacy method
 *
 * then a summary against the targets of issue 17, with the load average of the machine, and one
 * `BENCH_JSON {...}` line holding every figure. Exits 1 if a part failed.
 *
 *   node dist/bench/bench.js [--residents 3000] [--concurrency 10,30,50,100] [--scale 100000]
 *                            [--rates-seconds 10] [--only raw,inbound,…] [--skip web,…]
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveInteger } from './bench-support';
import type { EndToEndResult } from './end-to-end-bench';
import { formatLoad } from './environment';
import type { InboundResult } from './inbound-bench';
import { fixed } from './measures';
import type { RatesResult } from './rates-bench';
import type { RawCommitsResult } from './raw-commits-bench';
import type { ScaleResult } from './scale-bench';

/** A part of the benchmark: a script of this folder and its arguments. */
interface Part {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

/** What a part left: its BENCH_JSON, or why it failed; and the load average around it. */
interface PartRun {
  readonly name: string;
  readonly result: unknown;
  readonly failed: string | null;
  readonly seconds: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** One target of issue 17, as measured. */
interface Target {
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean | null;
}

const PART_NAMES = ['raw', 'inbound', 'end-to-end', 'rates', 'scale', 'matrix-crypto', 'web', 'draws'] as const;

function parts(values: Record<string, string | undefined>): Part[] {
  const residents = String(positiveInteger('--residents', values.residents));
  const concurrencies = (values.concurrency ?? '').split(',').map((c) => String(positiveInteger('--concurrency', c)));
  const all: Part[] = [
    { name: 'raw', script: 'raw-commits-bench.js', args: [] },
    ...concurrencies.map((c) => ({ name: `inbound-${c}`, script: 'inbound-bench.js', args: ['--residents', residents, '--concurrency', c] })),
    { name: 'end-to-end', script: 'end-to-end-bench.js', args: ['--residents', residents, '--concurrency', concurrencies.at(-1) ?? '100'] },
    { name: 'rates', script: 'rates-bench.js', args: ['--seconds', String(positiveInteger('--rates-seconds', values['rates-seconds']))] },
    { name: 'scale', script: 'scale-bench.js', args: ['--residents', String(positiveInteger('--scale', values.scale))] },
    { name: 'matrix-crypto', script: 'matrix-crypto-bench.js', args: [] },
    { name: 'web', script: 'web-bench.js', args: [] },
    { name: 'draws', script: 'draw-bench.js', args: [] },
  ];
  const list = (raw: string | undefined) => (raw ? raw.split(',').map((n) => n.trim()) : null);
  const only = list(values.only);
  const skip = list(values.skip) ?? [];
  for (const name of [...(only ?? []), ...skip]) if (!(PART_NAMES as readonly string[]).includes(name)) throw new Error(`no part named ${JSON.stringify(name)}: ${PART_NAMES.join(', ')}`);
  const family = (part: Part) => part.name.replace(/-\d+$/, '');
  return all.filter((part) => (!only || only.includes(family(part))) && !skip.includes(family(part)));
}

/** Runs a part in its own process, passing its report through and keeping its BENCH_JSON line. */
function runPart(part: Part): Promise<PartRun> {
  const loadBefore = os.loadavg();
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, part.script), ...part.args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let result: unknown = null;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH_JSON ')) result = JSON.parse(line.slice('BENCH_JSON '.length));
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('close', (code) => {
      const failed = code === 0 && result !== null ? null : `exited with code ${code}`;
      resolve({ name: part.name, result, failed, seconds: (Date.now() - started) / 1000, loadBefore, loadAfter: os.loadavg() });
    });
  });
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const megabytes = (bytes: number) => `${fixed(bytes / 1e6, 1)} MB`;

/** The targets of issue 17, from what the parts measured (null: the part did not run). */
function targets(runs: readonly PartRun[]): Target[] {
  const of = <T>(name: string) => runs.find((r) => r.name === name && r.failed === null)?.result as T | undefined;
  const raw = of<RawCommitsResult>('raw');
  const inbound = runs.filter((r) => r.name.startsWith('inbound-') && r.failed === null).map((r) => r.result as InboundResult);
  const endToEnd = of<EndToEndResult>('end-to-end');
  const rates = of<RatesResult>('rates');
  const scale = of<ScaleResult>('scale');
  const list: Target[] = [];
  for (const r of inbound) {
    list.push({
      what: `inbound, ${r.concurrency} in flight`,
      measured: `${thousands(r.messagesPerSecond)} messages/s, p99 ${fixed(r.latency.p99Ms, 1)} ms, CPU ${fixed(r.cpuMsPerMessage * 1000, 0)} µs/message${raw ? `; ${fixed(r.messagesPerSecond / raw.commitsPerSecond, 2)} × raw commits` : ''}`,
      target: '≥ 10,000/s, p99 < 10 ms',
      met: r.messagesPerSecond >= 10_000 && r.latency.p99Ms < 10,
    });
  }
  if (raw) {
    const env = raw.environment;
    const on = env.fileSystem ? `${env.fileSystem.type} (${env.fileSystem.source})` : 'an unknown file system';
    list.push({ what: 'raw one-row commits', measured: `${thousands(raw.commitsPerSecond)} commits/s, p99 ${fixed(raw.latency.p99Ms, 1)} ms; SQLite ${env.sqlite}, ${env.journalMode}, synchronous=${env.synchronous}, on ${on}`, target: 'the yardstick', met: null });
  }
  if (endToEnd) {
    list.push({
      what: `end to end, ${endToEnd.concurrency} waiting`,
      measured: `${thousands(endToEnd.messagesPerSecond)} messages/s, p99 ${fixed(endToEnd.latency.p99Ms, 1)} ms, CPU ${fixed(endToEnd.cpuMsPerMessage * 1000, 0)} µs/message${raw ? `; ${fixed(endToEnd.messagesPerSecond / raw.commitsPerSecond, 2)} × raw commits` : ''}`,
      target: '(reported)',
      met: null,
    });
  }
  if (scale) {
    list.push({ what: 'delivery bookkeeping (no-op channel)', measured: `${thousands(scale.dispatcher.rowsPerSecond)} rows/s`, target: '≥ 20,000 rows/s', met: scale.dispatcher.rowsPerSecond >= 20_000 });
    list.push({
      what: `parlons start, ${thousands(scale.city.residents)} residents`,
      measured: `RSS ${megabytes(scale.served.rssPeakBytes)} at most (${megabytes(scale.served.rssIdleBytes)} idle); database ${megabytes(scale.dbBytes)}`,
      target: '< 150 MB',
      met: scale.served.rssPeakBytes < 150e6,
    });
    list.push({
      what: `notice to ${thousands(scale.notice.recipients)} people`,
      measured: `planned in ${fixed(scale.notice.planSeconds * 1000, 0)} ms, queued in ${fixed(scale.notice.queueSeconds * 1000, 0)} ms`,
      target: 'planned < 1 s',
      met: scale.notice.planSeconds < 1,
    });
  }
  if (rates) {
    const worst = Math.max(...rates.runs.map((r) => Math.abs(r.deviation)));
    const over = rates.runs.filter((r) => r.overRate.length > 0).map((r) => r.name);
    list.push({
      what: 'exact rates, real time',
      measured: `${over.length === 0 ? 'never over the rate in any window' : `OVER: ${over.join(', ')}`}; long run within ${fixed(worst * 100, 1)}%`,
      target: 'never over; long run within 5%',
      met: over.length === 0 && worst <= 0.05,
    });
  }
  return list;
}

function formatSummary(list: readonly Target[], runs: readonly PartRun[]): string {
  const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
  const failed = runs.filter((r) => r.failed !== null);
  return [
    '',
    'Summary against the targets of issue 17',
    ...list.map((t) => `  ${t.what.padEnd(38)} ${t.measured}\n  ${''.padEnd(38)} target ${t.target} ${verdict(t.met)}`),
    `  load average         ${formatLoad(runs[0]?.loadBefore ?? os.loadavg())} at the start, ${formatLoad(runs.at(-1)?.loadAfter ?? os.loadavg())} at the end (1 / 5 / 15 min; ${os.cpus().length} CPUs, shared)`,
    ...failed.map((r) => `  FAILED               ${r.name}: ${r.failed}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string', default: '3000' },
      concurrency: { type: 'string', default: '10,30,50,100' },
      scale: { type: 'string', default: '100000' },
      'rates-seconds': { type: 'string', default: '10' },
      only: { type: 'string' },
      skip: { type: 'string' },
    },
    strict: true,
  });
  const date = new Date().toISOString();
  process.stdout.write(`Parlons benchmark, ${date}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load ${formatLoad(os.loadavg())}\n\n`);
  const runs: PartRun[] = [];
  for (const part of parts(values)) {
    const run = await runPart(part);
    runs.push(run);
    process.stdout.write(run.failed ? `  ${part.name} FAILED (${run.failed})\n\n` : `  (${fixed(run.seconds, 1)} s, load ${formatLoad(run.loadBefore)} → ${formatLoad(run.loadAfter)})\n\n`);
  }
  const list = targets(runs);
  process.stdout.write(`${formatSummary(list, runs)}\n`);
  const figures = Object.fromEntries(runs.map((r) => [r.name, { ...(r.failed ? { failed: r.failed } : { result: r.result }), seconds: r.seconds, loadBefore: r.loadBefore, loadAfter: r.loadAfter }]));
  process.stdout.write(`BENCH_JSON ${JSON.stringify({ date, node: process.version, cpus: os.cpus().length, targets: list, parts: figures })}\n`);
  if (runs.some((r) => r.failed !== null)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
