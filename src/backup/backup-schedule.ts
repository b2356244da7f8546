import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../lib/clock';
import { sameDayAt } from '../lib/clock-time';
import type { Logger } from '../lib/logger';
import type { Db } from '../store/database';
import { takeBackup } from './take-backup';

/** Where, when and how scheduled backups are taken. */
export interface BackupPlan {
  readonly dir: string;
  /** Minutes after midnight, on the city's clock. */
  readonly time: number;
  readonly timeZone: string;
  /** How many scheduled backups are kept; older ones are removed. */
  readonly keep: number;
  /** Encrypts backups when set. */
  readonly passphrase: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Scheduled backups' names: `parlons-20261201-033000.db`, `.db.enc` when encrypted. Nothing else in the folder is touched. */
const NAME = /^parlons-\d{8}-\d{6}\.db(\.enc)?$/;

/** The file name of a backup taken at `at`. */
export function backupName(at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `parlons-${stamp}.db${encrypted ? '.enc' : ''}`;
}

/** The scheduled backups in `dir`, oldest first. */
export function scheduledBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort();
}

/**
 * Takes a backup every day at the planned time while `parlons start` serves, and one at start
 * when none was taken in the last day (a server that was down at 03:30 still gets its backup).
 * Keeps the newest `keep`. A failed backup (a full disk) is logged at error level and tried again
 * the next day; it never stops the bot.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly plan: BackupPlan,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const newest = scheduledBackups(this.plan.dir).at(-1);
    const newestAt = newest ? fs.statSync(path.join(this.plan.dir, newest)).mtime.getTime() : 0;
    if (this.clock.now().getTime() - newestAt >= DAY_MS) this.runNow();
    this.scheduleNext();
  }

  /** Stops the schedule and waits for a backup under way. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The next planned instant after now. */
  nextAt(): Date {
    const now = this.clock.now();
    const today = sameDayAt(now, this.plan.time, this.plan.timeZone);
    return today > now ? today : sameDayAt(new Date(today.getTime() + DAY_MS), this.plan.time, this.plan.timeZone);
  }

  private scheduleNext(): void {
    const delay = Math.max(1_000, this.nextAt().getTime() - this.clock.now().getTime());
    this.timer = setTimeout(() => {
      this.runNow();
      this.scheduleNext();
    }, delay);
    // The schedule alone must not keep the process alive.
    this.timer.unref();
  }

  private runNow(): void {
    if (this.running) return;
    this.running = this.backUp().finally(() => {
      this.running = null;
    });
  }

  private async backUp(): Promise<void> {
    const { dir, passphrase, keep } = this.plan;
    const file = path.join(dir, backupName(this.clock.now(), passphrase !== null));
    try {
      const written = await takeBackup(this.db, file, passphrase);
      this.logger.info('backup_taken', { file: written.file, bytes: written.bytes, encrypted: written.encrypted });
      for (const old of scheduledBackups(dir).slice(0, -keep)) fs.rmSync(path.join(dir, old), { force: true });
    } catch (error) {
      this.logger.error('backup_failed', { dir, error: (error as Error).message });
    }
  }
}
