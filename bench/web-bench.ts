/**
 * Web face benchmark: the public results page and the agents' dashboard on a city of 10,000
 * people and 50,000 messages, under 50 concurrent connections from autocannon on loopback. The
 * server runs in a process of its own; the figures are its requests per second and latencies.
 *
 *   npm run bench:web           (also the last part of npm run bench)
 *   node dist/bench/web-bench.js [--people 10000] [--messages 50000] [--ballots 3000]
 *                                [--connections 50] [--duration 10] [--seed 7]
 *
 * Prints a table, then one `BENCH_JSON {...}` line. Exits 1 when a page answered anything but
 * 200: a benchmark of an error page measures nothing. The target is a p99 under 50 ms.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { withTemporaryApp } from './bench-support';
import { seedDemo, signInAs } from './web-demo-data';

/** One page measured. */
interface PageResult {
  readonly page: string;
  readonly path: string;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
}

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '10000' },
    messages: { type: 'string', default: '50000' },
    ballots: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
  },
});
const options = {
  people: Number(values.people),
  messages: Number(values.messages),
  ballots: Number(values.ballots),
  connections: Number(values.connections),
  duration: Number(values.duration),
  seed: Number(values.seed),
};

/** Starts the web face in its own process on `dbFile`; resolves with its address and a way to stop it. */
async function startServer(dbFile: string): Promise<{ address: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'web-bench-server.js')], { env: { ...process.env, PARLONS_DB: dbFile, PARLONS_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the web server exited (${code})`)));
  });
  return {
    address,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(page: string, url: string, cookie: string | null): Promise<PageResult> {
  const run = (seconds: number) =>
    autocannon({ url, connections: options.connections, duration: seconds, headers: { 'accept-language': 'fr', ...(cookie ? { cookie } : {}) } });
  // Warm-up: the JIT, the prepared statements, the view caches.
  await run(2);
  const result = await run(options.duration);
  return {
    page,
    path: new URL(url).pathname,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const results = await withTemporaryApp(async (app, dbFile) => {
    const started = Date.now();
    const demo = seedDemo(app, { people: options.people, messages: options.messages, ballots: options.ballots, seed: options.seed });
    const seeded = (Date.now() - started) / 1000;
    const cookie = signInAs(app, demo.agentId);
    const rows = app.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
    console.log(`Seeded ${options.people} people, ${rows} outbox rows, ${options.ballots} ballots in ${seeded.toFixed(1)} s.`);
    const server = await startServer(dbFile);
    try {
      return [
        await measure('public results page', `${server.address}/consultations/${demo.closedConsultationId}`, null),
        await measure('dashboard', `${server.address}/agent`, `parlons_session=${cookie}`),
      ];
    } finally {
      await server.stop();
    }
  });
  console.log(`\n${options.connections} connections, ${options.duration} s per page, on ${process.version}:`);
  console.log('page                  req/s    p50 ms   p90 ms   p99 ms   max ms   non-2xx');
  for (const r of results) {
    console.log(`${r.page.padEnd(20)} ${String(r.requestsPerSecond).padStart(6)} ${String(r.latencyMs.p50).padStart(8)} ${String(r.latencyMs.p90).padStart(8)} ${String(r.latencyMs.p99).padStart(8)} ${String(r.latencyMs.max).padStart(8)} ${String(r.non2xx + r.errors).padStart(9)}`);
  }
  console.log(`BENCH_JSON ${JSON.stringify({ node: process.version, ...options, pages: results })}`);
  if (results.some((r) => r.non2xx + r.errors > 0 || r.requests === 0)) {
    console.error('Some requests were not answered 200: the figures are not valid.');
    process.exitCode = 1;
  }
}

void main();
