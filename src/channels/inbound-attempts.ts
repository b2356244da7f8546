/** Tries given to a message whose handling fails for a reason other than the database (a bug). */
export const MAX_INBOUND_ATTEMPTS = 3;
/** Message ids remembered at most: a channel that fails on everything must not grow without end. */
const REMEMBERED = 1_000;

/**
 * Counts the failures of messages that could not be handled because of a bug (not because the
 * database was unavailable: those are retried for as long as it takes). Such a message is
 * offered again a few times, in case the failure passes, then let go, so that one bad message
 * never stops a channel from receiving the others.
 */
export class InboundAttempts {
  private readonly failures = new Map<string, number>();

  /** Records a failure of message `id`; true when it has now failed too often and must be let go. */
  failed(id: string): boolean {
    const count = (this.failures.get(id) ?? 0) + 1;
    if (count >= MAX_INBOUND_ATTEMPTS) {
      this.failures.delete(id);
      return true;
    }
    this.failures.delete(id);
    this.failures.set(id, count);
    if (this.failures.size > REMEMBERED) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    return false;
  }

  /** The message went through: forget its failures. */
  succeeded(id: string): void {
    this.failures.delete(id);
  }
}
