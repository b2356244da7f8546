import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { CLI } from '../support/parlons-cli';
import { until } from '../support/until';

/** How a process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A real `parlons` process (the built CLI), as an operator runs it: its log lines (standard
 * error) are kept to be searched, and it can be stopped kindly or killed with SIGKILL.
 */
export class ParlonsProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  /** `wrap` turns the command line into another (run it in a private mount namespace, say). */
  constructor(env: Record<string, string>, args: readonly string[] = ['start'], wrap: (argv: readonly string[]) => readonly string[] = (argv) => argv) {
    const [program = process.execPath, ...rest] = wrap([process.execPath, CLI, ...args]);
    this.child = spawn(program, rest, {
      env: { PATH: process.env.PATH ?? '', PARLONS_QUIET_HOURS: 'off', PARLONS_BACKUP_DIR: 'off', PARLONS_WEB_LISTEN: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const keep = (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      const complete = partial.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete);
    };
    this.child.stderr?.on('data', keep);
    this.child.stdout?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Log lines with this event name (the third field of a log line). */
  logged(event: string): string[] {
    return this.lines.filter((line) => line.split(' ')[2] === event);
  }

  /** Waits until an event is logged (with `detail` in its line, when given); fails fast if the process exits first. */
  async waitFor(event: string, detail = '', timeoutMs = 30_000): Promise<string> {
    let ended = false;
    void this.exited.then(() => (ended = true));
    return until(`"${event}" in the log`, () => {
      const line = this.logged(event).find((l) => l.includes(detail));
      if (line) return line;
      if (ended) throw new Error(`the process exited before logging ${event}:\n${this.lines.join('\n')}`);
      return undefined;
    }, timeoutMs);
  }

  /** SIGTERM, then waits for the exit. */
  async stop(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: no cleanup of any kind. */
  async kill(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * Another program holding the database's write lock, as a `sqlite3` shell with an open
 * `BEGIN IMMEDIATE` does, until `release()`.
 */
export function holdWriteLock(dbFile: string): { release(): void } {
  const db = new Database(dbFile);
  db.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** One number from the database, read by a connection of its own (the process under test has its own). */
export function countIn(dbFile: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare(sql).pluck().get(...params) ?? 0);
  } finally {
    db.close();
  }
}
