/**
 * The yardstick: raw one-row commits on the same SQLite build, opened as Parlons opens its
 * database (WAL, `synchronous=FULL`, the same file system): one INSERT of a small row per
 * transaction, each its own fsync. Whatever handles one message per transaction cannot beat
 * this; Parlons's figures are given as a ratio to it, measured in the same run.
 *
 *   node dist/bench/raw-commits-bench.js [--seconds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/database';
import { benchMain, positiveInteger } from './bench-support';
import { describeEnvironment, type Environment } from './environment';
import { formatLatency, summariseNs, type LatencySummary } from './latency';
import { cpuSince, fixed, secondsSince, type CpuTime } from './measures';

/** What the raw commits measured; also their BENCH_JSON line. */
export interface RawCommitsResult {
  readonly commits: number;
  readonly seconds: number;
  readonly commitsPerSecond: number;
  readonly latency: LatencySummary;
  readonly cpu: CpuTime;
  readonly environment: Environment;
}

/** Commits one row at a time for `seconds`, on a new database in a temporary folder. */
export function runRawCommits(seconds: number): RawCommitsResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parlons-bench-'));
  try {
    const file = path.join(dir, 'raw.db');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE message (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL, received_at TEXT NOT NULL) STRICT');
      const insert = db.prepare<[string, string, string]>('INSERT INTO message (channel, external_id, received_at) VALUES (?, ?, ?)');
      const commit = db.transaction((n: number) => insert.run('telegram', `update-${n}`, new Date().toISOString()));
      const latencies: number[] = [];
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const end = started + BigInt(seconds * 1e9);
      for (let before = started; before < end; ) {
        commit.immediate(latencies.length);
        const after = process.hrtime.bigint();
        latencies.push(Number(after - before));
        before = after;
      }
      const elapsed = secondsSince(started);
      return {
        commits: latencies.length,
        seconds: elapsed,
        commitsPerSecond: latencies.length / elapsed,
        latency: summariseNs(Float64Array.from(latencies)),
        cpu: cpuSince(cpuBefore),
        environment: describeEnvironment(db, file),
      };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Its part of the report. */
export function formatRawCommits(r: RawCommitsResult): string {
  const fsys = r.environment.fileSystem;
  return [
    'Raw one-row commits (the yardstick: same SQLite, same durability)',
    `  SQLite               ${r.environment.sqlite}, journal ${r.environment.journalMode}, synchronous=${r.environment.synchronous}, on ${fsys ? `${fsys.type} (${fsys.source} at ${fsys.mountPoint}, ${fsys.options})` : 'an unknown file system'}`,
    `  throughput           ${fixed(r.commitsPerSecond, 0)} commits/s (${r.commits} in ${fixed(r.seconds, 2)} s)`,
    `  latency              ${formatLatency(r.latency)}`,
    `  CPU                  ${fixed((r.cpu.totalSeconds * 1e6) / r.commits, 0)} µs per commit (the rest of the time is spent waiting for the disk)`,
  ].join('\n');
}

if (require.main === module) {
  benchMain({ seconds: { default: '3' } }, async (values) => runRawCommits(positiveInteger('--seconds', values.seconds)), formatRawCommits);
}
