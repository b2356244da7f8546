import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { storeProblemOf, type StoreProblem } from './store-problem';

/** The first wait after a failed write, doubled at each failure in a row up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * Follows the times the database cannot be written (locked past the busy timeout, full,
 * read-only): the process stays up and retries, and says so once per episode at error level,
 * naming the cause, then once more, at info level, when writes work again. Each part of a
 * long-running process that writes (inbound messages, the sender, the scheduler) has its own, so
 * that one part's success does not end another's episode (an empty update works on a full disk).
 */
export class StoreOutage {
  private since: Date | null = null;
  private problem: StoreProblem | null = null;
  private failuresInRow = 0;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly dbFile: string,
    /** Which part of the process meets the problem: `inbound`, `sender`, `scheduler`. */
    private readonly where: string,
  ) {}

  /**
   * Reports a failed write. Returns the problem when it is a store problem (the caller retries
   * after `retryDelayMs()`), or null for any other error (the caller's own to report).
   */
  failed(error: unknown): StoreProblem | null {
    const problem = storeProblemOf(error);
    if (problem === null) return null;
    this.failuresInRow++;
    if (this.since === null || this.problem !== problem) {
      this.since ??= this.clock.now();
      this.problem = problem;
      this.logger.error('database_unavailable', { problem, where: this.where, db: this.dbFile, error: (error as Error).message });
    } else {
      this.logger.debug('database_still_unavailable', { problem, where: this.where });
    }
    return problem;
  }

  /** Reports a write that worked: ends the episode, if one was open. */
  succeeded(): void {
    this.failuresInRow = 0;
    if (this.since === null) return;
    this.logger.info('database_available', { where: this.where, problem: this.problem ?? undefined, after_ms: this.clock.now().getTime() - this.since.getTime() });
    this.since = null;
    this.problem = null;
  }

  /** Whether writes are failing now. */
  get unavailable(): boolean {
    return this.since !== null;
  }

  /** How long to wait before the next try: doubling with each failure in a row, up to 10 s. */
  retryDelayMs(): number {
    return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, this.failuresInRow - 1));
  }
}
