import type { City } from '../domain/city';
import { sameDayAt } from '../lib/clock-time';
import type { Logger } from '../lib/logger';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';
import { digestMessages } from './digest-messages';
import { digestSections } from './digest-sections';

/** What sending the mediators' digests needs. */
export interface DigestDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly city: City;
  /** When digests go: minutes after midnight on the city's clock. */
  readonly digestTime: number;
}

/** What a run sent: digests (one per mediator) and the messages carrying them. */
export interface DigestRun {
  readonly digests: number;
  readonly messages: number;
}

/**
 * Sends each mediator with news their digest, once a day: from the digest time of the local day
 * on, a mediator is due when an item has waited since before that time. Sending takes every item
 * waiting, so whatever comes after it (even at the same instant) is due only the next day: at
 * most one digest a day, with no record of digests sent. A run after downtime (the same day)
 * catches up with one digest; a day missed entirely waits for the next digest time.
 *
 * For each mediator, in one transaction: the digest is queued as bulk (the outbox holds it in
 * quiet hours) to their best reachable contact point, in their language, and the items are
 * marked digested, or nothing happens. Items of a mediator who cannot be reached wait. One
 * failure is logged and does not stop the others.
 */
export function sendDueDigests(deps: DigestDeps, now: Date): DigestRun {
  const { store, logger } = deps;
  const digestAt = sameDayAt(now, deps.digestTime, deps.city.timeZone);
  if (now < digestAt) return { digests: 0, messages: 0 };
  let digests = 0;
  let messages = 0;
  let items = 0;
  // A mediator who lost the role, or the person, hears no more about them.
  const dropped = inTransaction(store.db, () => store.digest.dropOrphans());
  for (const mediatorId of store.digest.dueMediators(digestAt)) {
    try {
      inTransaction(store.db, () => {
        const [recipient] = store.broadcasts.recipients([{ kind: 'person', personId: mediatorId }]);
        if (!recipient) return;
        const pending = store.digest.pending(mediatorId, now);
        const ctx = { store, city: deps.city, now };
        const queued = digestMessages(digestSections(ctx, mediatorId, pending), recipient.channel);
        for (const message of queued) {
          store.outbox.enqueue({ contactId: recipient.contactId, channel: recipient.channel, kind: 'bulk', message, notBefore: now }, now);
        }
        store.digest.markDigested(pending.map((item) => item.id), now);
        if (queued.length > 0) digests += 1;
        messages += queued.length;
        items += pending.length;
      });
    } catch (error) {
      logger.error('digest_failed', { mediator: mediatorId, error: (error as Error).message });
    }
  }
  if (digests + items + dropped > 0) logger.info('digests_sent', { digests, messages, items, dropped });
  return { digests, messages };
}
