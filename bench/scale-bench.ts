/**
 * Scale benchmark: a city of 100,000 residents with their history (see city-at-scale), then what
 * matters at that size — the database's size on disk, the time to plan a notice to everyone (the
 * agent's dry run: who, on which channel) and to queue it, the dispatcher delivering it through a
 * channel that sends nowhere (its bookkeeping rows a second), and the resident memory of a real
 * `parlons start` serving that database: the built CLI in its own process, its Telegram pointed at
 * a fake Bot API on 127.0.0.1, answering residents who write meanwhile.
 *
 *   node dist/bench/scale-bench.js [--residents 100000] [--writers 500]
 *
 * Prints its part of the report, then one `BENCH_JSON {...}` line. Exits 1 if the notice does not
 * reach everyone, or a resident who wrote is not answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { planBroadcast, sendBroadcast } from '../src/broadcasts/send-broadcast';
import { FakeBotApi } from '../test/channels/telegram/fake-bot-api';
import { benchMain, positiveInteger, withTemporaryApp } from './bench-support';
import { FIRST_CHAT_ID, makeCityAtScale, type CityAtScale } from './city-at-scale';
import { cpuSince, fixed, mib, secondsSince } from './measures';
import { NowhereChannel } from './nowhere-channel';

/** No rate limit (the dispatcher's own speed is measured), no quiet hours (the run may be at night). */
const UNPACED = { TELEGRAM_BOT_TOKEN: '123456:bench', TELEGRAM_RATE_LIMIT: '0', TELEGRAM_CHAT_RATE_LIMIT: '0', PARLONS_QUIET_HOURS: 'off' };
/** The longest `parlons start` may take to serve, and to answer everyone who wrote. */
const SERVE_TIMEOUT_MS = 120_000;

/** What the scale benchmark measured; also its BENCH_JSON line. */
export interface ScaleResult {
  readonly city: CityAtScale;
  /** The database file, checkpointed (the WAL is then empty). */
  readonly dbBytes: number;
  readonly notice: {
    readonly recipients: number;
    /** The dry run: the audience counted by channel. */
    readonly planSeconds: number;
    /** Recorded and one outbox row queued per recipient, in one transaction. */
    readonly queueSeconds: number;
  };
  readonly dispatcher: { readonly rows: number; readonly seconds: number; readonly rowsPerSecond: number; readonly cpuMsPerRow: number };
  readonly served: ServedMemory;
}

/** The memory of `parlons start` serving the city. */
export interface ServedMemory {
  /** Once it serves, before anyone writes. */
  readonly rssIdleBytes: number;
  /** Once everyone who wrote has been answered. */
  readonly rssAfterBytes: number;
  /** The most it ever held (VmHWM). */
  readonly rssPeakBytes: number;
  /** Residents who wrote, two messages each, and how long until every reply was sent. */
  readonly writers: number;
  readonly answeredSeconds: number;
  readonly startSeconds: number;
}

/** Runs the scale benchmark in a temporary folder. */
export async function runScale(options: { residents: number; writers: number }): Promise<ScaleResult> {
  return withTemporaryApp(async (app, dbFile) => {
    const city = await makeCityAtScale(app, options.residents);
    const dbBytes = fs.statSync(dbFile).size;
    const everyone = [{ kind: 'all' as const }];
    let started = process.hrtime.bigint();
    const plan = planBroadcast(app.store, everyone);
    const planSeconds = secondsSince(started);
    started = process.hrtime.bigint();
    const queued = sendBroadcast(app.store, { audience: everyone, texts: { fr: 'Assemblée citoyenne : la séance 3 aura lieu samedi à 10 h, salle des fêtes.' }, sendAt: app.clock.now() }, app.clock.now());
    const queueSeconds = secondsSince(started);
    if (plan.total !== options.residents || queued.recipients !== options.residents) throw new Error(`the notice reaches ${plan.total} (queued ${queued.recipients}) of ${options.residents}`);

    const adapter = new NowhereChannel('telegram');
    const cpuBefore = process.cpuUsage();
    started = process.hrtime.bigint();
    const rows = await app.dispatcher([adapter]).dispatchDue();
    const seconds = secondsSince(started);
    const cpu = cpuSince(cpuBefore);
    if (adapter.sent !== options.residents) throw new Error(`the dispatcher sent ${adapter.sent} of ${options.residents}`);
    app.store.db.pragma('wal_checkpoint(TRUNCATE)');
    app.close();
    const served = await measureServing(dbFile, options.writers);
    return {
      city,
      dbBytes,
      notice: { recipients: queued.recipients, planSeconds, queueSeconds },
      dispatcher: { rows, seconds, rowsPerSecond: rows / seconds, cpuMsPerRow: (cpu.totalSeconds * 1000) / rows },
      served,
    };
  }, UNPACED);
}

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Waits until `done()`, failing after SERVE_TIMEOUT_MS or when `child` exits. */
async function until(what: string, done: () => boolean, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + SERVE_TIMEOUT_MS;
  while (!done()) {
    if (child.exitCode !== null) throw new Error(`parlons start exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`parlons start: no ${what} after ${SERVE_TIMEOUT_MS / 1000} s`);
    await sleep(20);
  }
}

/**
 * Starts the built `parlons start` on `dbFile` (Telegram only, through a fake Bot API; no web
 * face, no backups), reads its memory once it serves, lets `writers` residents write twice
 * (MENU, then the first entry), reads it again once all are answered, then stops it.
 */
async function measureServing(dbFile: string, writers: number): Promise<ServedMemory> {
  const api = await FakeBotApi.start();
  const cli = path.join(__dirname, '..', 'src', 'cli', 'main.js');
  const env = { PATH: process.env.PATH ?? '', PARLONS_DB: dbFile, TELEGRAM_API_ROOT: api.apiRoot, PARLONS_WEB_LISTEN: 'off', PARLONS_BACKUP_DIR: 'off', PARLONS_LOG_LEVEL: 'warn', ...UNPACED };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // What it says on standard error (that it serves; warnings) is shown only if it fails.
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
  try {
    await until('polling', () => api.calls.some((c) => c.method === 'getUpdates'), child);
    const startSeconds = secondsSince(started);
    // The first tick of the scheduler and the sender have run by now; let the heap settle.
    await sleep(1_000);
    const idle = memoryOf(child.pid ?? 0);
    const sends = () => api.calls.filter((c) => c.method === 'sendMessage').length;
    const before = sends();
    const answering = process.hrtime.bigint();
    for (let i = 0; i < writers; i++) api.queueText(FIRST_CHAT_ID + i, 'MENU');
    await until('answer to MENU', () => sends() >= before + writers, child);
    for (let i = 0; i < writers; i++) api.queueText(FIRST_CHAT_ID + i, '1');
    await until('answer to the menu choice', () => sends() >= before + 2 * writers, child);
    const answeredSeconds = secondsSince(answering);
    const after = memoryOf(child.pid ?? 0);
    return { rssIdleBytes: idle.rss, rssAfterBytes: after.rss, rssPeakBytes: after.peak, writers, answeredSeconds, startSeconds };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${said}`);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await api.stop();
  }
}

/** Its part of the report. */
export function formatScale(r: ScaleResult): string {
  const s = r.served;
  return [
    `At scale (${r.city.residents} residents with their history)`,
    `  made in              ${fixed(r.city.seconds, 1)} s (${r.city.templates} residents through Parlons, copied by bulk SQL): ${Object.entries(r.city.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`,
    `  database             ${mib(r.dbBytes)} on disk`,
    `  notice to everyone   planned in ${fixed(r.notice.planSeconds * 1000, 0)} ms (dry run: ${r.notice.recipients} by channel), queued in ${fixed(r.notice.queueSeconds * 1000, 0)} ms`,
    `  dispatcher           ${r.dispatcher.rows} rows in ${fixed(r.dispatcher.seconds, 2)} s = ${fixed(r.dispatcher.rowsPerSecond, 0)} rows/s (no-op channel, no rate limit; CPU ${fixed(r.dispatcher.cpuMsPerRow * 1000, 0)} µs a row)`,
    `  parlons start        RSS ${mib(s.rssIdleBytes)} serving, ${mib(s.rssAfterBytes)} after ${s.writers} residents wrote twice (answered in ${fixed(s.answeredSeconds, 2)} s), peak ${mib(s.rssPeakBytes)}; polling after ${fixed(s.startSeconds, 1)} s`,
  ].join('\n');
}

if (require.main === module) {
  benchMain(
    { residents: { default: '100000' }, writers: { default: '500' } },
    (values) => runScale({ residents: positiveInteger('--residents', values.residents), writers: positiveInteger('--writers', values.writers) }),
    formatScale,
  );
}
