import type { Store } from '../store/store';

/**
 * Erases a person: their row and, by cascade, their contact points, roles, consents,
 * conversations and messages. Only the anonymous `person_erased` counter remains.
 * Call inside a transaction.
 */
export function erasePerson(store: Store, personId: number, now: Date): void {
  store.people.delete(personId);
  store.stats.increment('person_erased', now);
}
