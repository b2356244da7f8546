import type { Logger } from '../lib/logger';
import type { OutboxDispatcher } from './outbox-dispatcher';

/**
 * Runs the dispatcher when kicked (a reply was just queued) and every `intervalMs` (retries and
 * scheduled messages come due). Never two runs at once: a kick during a run makes one more run.
 */
export class DispatcherLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.kick();
  }

  /** Asks for a run now (or right after the current one). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilQuiet().finally(() => {
      this.running = null;
    });
  }

  /** Stops the timer and waits for the run under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }

  private async runUntilQuiet(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.dispatcher.dispatchDue();
      } catch (error) {
        // A database error: log it; the next tick tries again, nothing is lost.
        this.logger.error('dispatch_failed', { error: (error as Error).message });
      }
    } while (this.again);
  }
}
