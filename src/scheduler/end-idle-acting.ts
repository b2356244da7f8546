import { endActing } from '../conversation/acting-for';
import type { City } from '../domain/city';
import { ACTING_IDLE_LIMIT_MS } from '../domain/mediation';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';

/**
 * Ends every conversation a mediator holds for someone with no message for 30 minutes, and tells
 * the mediator (a mediator who comes back later would otherwise keep acting in the person's name
 * without noticing the banner). A message that arrives first ends it the same way, without this.
 */
export function endIdleActing(store: Store, city: City, now: Date): number {
  return inTransaction(store.db, () => {
    const idle = store.mediation.idleSince(new Date(now.getTime() - ACTING_IDLE_LIMIT_MS));
    for (const acting of idle) {
      // The acting row goes with its contact point (ON DELETE CASCADE): the contact exists.
      const contact = store.contacts.findById(acting.contactId);
      const notice = endActing(store, acting, 'expired', city, now);
      if (contact) store.outbox.enqueue({ contactId: contact.id, channel: contact.channel, kind: 'reply', message: { parts: [notice] }, notBefore: now }, now);
    }
    return idle.length;
  });
}
