import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../src/app/create-app';
import { loadSettings } from '../src/config/settings';
import { silentLogger } from '../src/lib/logger';

/** Keeps the highest RSS seen. Sampled by hand: synchronous work never lets a timer fire. */
export class RssPeak {
  private peak = 0;

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  get bytes(): number {
    return this.peak;
  }
}

/**
 * Runs `work` on an app over a fresh database file in a new temporary directory, built exactly as
 * production does from `env` (only the logger is silenced); the app is closed and the directory
 * removed afterwards, whatever happens.
 */
export async function withTemporaryApp<T>(work: (app: App, dbFile: string) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parlons-bench-'));
  try {
    const dbFile = path.join(dir, 'parlons.db');
    const app = createApp(loadSettings({ PARLONS_DB: dbFile, ...env }), { logger: silentLogger });
    try {
      return await work(app, dbFile);
    } finally {
      app.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A number option that must be a positive integer. */
export function positiveInteger(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} expects a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * The `main` of a benchmark run on its own: reads `options` (each `--name value`, with its
 * default), runs, prints its part of the report then one `BENCH_JSON {...}` line (what `npm run
 * bench` collects), and exits 1 when the run failed: a benchmark of a broken path measures nothing.
 */
export function benchMain<T>(
  options: Record<string, { readonly default: string }>,
  run: (values: Record<string, string | undefined>) => Promise<T>,
  format: (result: T) => string,
): void {
  const main = async () => {
    const { values } = parseArgs({ options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: 'string' as const, default: o.default }])), strict: true });
    const result = await run(values as Record<string, string | undefined>);
    process.stdout.write(`${format(result)}\nBENCH_JSON ${JSON.stringify(result)}\n`);
  };
  main().catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
