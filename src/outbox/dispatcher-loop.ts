import type { Logger } from '../lib/logger';
import type { StoreOutage } from '../store/store-outage';
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
    /** Says once when the database cannot be written, and when it can again. */
    private readonly outage?: StoreOutage,
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

  /** Stops the timer and the run under way after its current message, then gives back what it had claimed. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    this.dispatcher.stop();
    await this.running;
    try {
      this.dispatcher.releaseClaimed();
    } catch (error) {
      // The next start puts them back in the queue (see OutboxDispatcher.recover).
      this.logger.warn('outbox_release_failed', { error: (error as Error).message });
    }
  }

  private async runUntilQuiet(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.dispatcher.dispatchDue();
        this.outage?.succeeded();
      } catch (error) {
        // The next tick tries again, nothing is lost: a database that cannot be written is said
        // once per episode; anything else is a bug, logged each time.
        if (!this.outage?.failed(error)) this.logger.error('dispatch_failed', { error: (error as Error).message });
      }
    } while (this.again);
  }
}
