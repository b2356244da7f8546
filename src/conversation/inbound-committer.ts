import { InboundNotCommitted, type InboundMessage, type InboundResult } from '../channels/channel';
import { inTransaction, type Db } from '../store/database';
import type { StoreOutage } from '../store/store-outage';
import { isTransientStoreProblem } from '../store/store-problem';

/** Handles one message inside the caller's transaction (a savepoint of it). */
export type HandleOne = (message: InboundMessage) => InboundResult;

interface Waiting {
  readonly message: InboundMessage;
  resolve(result: InboundResult): void;
  reject(error: unknown): void;
}

/**
 * Commits inbound messages in groups: the messages handed in during one turn of the event loop
 * (a page of Telegram updates, a Matrix sync, a Gammu inbox scan, webhooks arriving together)
 * are handled in ONE transaction, one savepoint each, in the order they came, and each promise
 * settles only once that transaction has committed — so that a channel acknowledges nothing
 * that is not on disk. One fsync then serves the whole group.
 *
 * - A message whose handling throws (a bug) rolls back alone; its promise rejects with the
 *   error; the others commit.
 * - When the database cannot be written (locked past the busy timeout, full, read-only), the
 *   whole group rolls back and every promise rejects with InboundNotCommitted: the channel
 *   offers the messages again later; the episode is logged once (StoreOutage).
 * - A message never waits for others longer than the current turn of the event loop.
 */
export class InboundCommitter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly handleOne: HandleOne,
    private readonly outage: StoreOutage,
    /** Called after each commit, e.g. to wake the sender up for the replies just queued. */
    private readonly committed: () => void = () => undefined,
  ) {}

  /** Hands in a message; resolves once it is committed. */
  submit(message: InboundMessage): Promise<InboundResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // NOTE: setImmediate runs after the I/O callbacks of this turn of the event loop: every
      // message that arrived together has been handed in by then, and none waits longer.
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    let outcomes: ({ ok: true; result: InboundResult } | { ok: false; error: unknown })[];
    try {
      outcomes = inTransaction(this.db, () =>
        group.map((item) => {
          try {
            // A nested transaction: a savepoint that rolls back alone if this message fails.
            return { ok: true as const, result: inTransaction(this.db, () => this.handleOne(item.message)) };
          } catch (error) {
            // The database itself failing: no message of the group can be trusted to be saved.
            if (isTransientStoreProblem(error)) throw error;
            return { ok: false as const, error };
          }
        }),
      );
    } catch (error) {
      const problem = this.outage.failed(error);
      const failure = problem ? new InboundNotCommitted(problem, this.outage.retryDelayMs()) : error;
      for (const item of group) item.reject(failure);
      return;
    }
    this.outage.succeeded();
    group.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.result);
      else item.reject(outcome?.error);
    });
    this.committed();
  }
}
