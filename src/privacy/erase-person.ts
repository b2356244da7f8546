import type { Store } from '../store/store';

/**
 * Erases a person: their row and, by cascade, their contact points, roles, consents,
 * conversations, messages, supports, session answers and ballots in open consultations. Their
 * unpublished ideas go too; published ideas stay in the debate without their author, and
 * ballots of closed consultations were anonymous already. Only the anonymous `person_erased`
 * counter remains. Call inside a transaction.
 */
export function erasePerson(store: Store, personId: number, now: Date): void {
  store.ideas.deletePrivateIdeasOf(personId);
  store.people.delete(personId);
  store.stats.increment('person_erased', now);
}
