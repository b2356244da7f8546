import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
