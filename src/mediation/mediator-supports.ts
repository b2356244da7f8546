import { audit, type Actor } from '../roles/manage-roles';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';

/** Why a mediator cannot be given (or relieved of) a person: the mediator does not hold the role, or it is the same person. */
export type SupportProblem = 'not_mediator' | 'self';

/** What a change of support did, or why it cannot be made. */
export type SupportChange = { readonly changed: boolean } | { readonly problem: SupportProblem };

function problemOf(store: Store, mediatorId: number, personId: number): SupportProblem | null {
  if (!store.people.find(mediatorId)?.roles.includes('mediator')) return 'not_mediator';
  return mediatorId === personId ? 'self' : null;
}

/** Gives a person to a mediator to support, recorded in the audit; `changed` is false when they supported them already. */
export function assignMediator(store: Store, mediatorId: number, personId: number, actor: Actor, now: Date): SupportChange {
  return inTransaction(store.db, () => {
    const problem = problemOf(store, mediatorId, personId);
    if (problem) return { problem };
    if (!store.mediation.addSupport(mediatorId, personId, 'assigned', now)) return { changed: false };
    audit(store, actor, 'mediator_assigned', personId, now, { mediator_id: mediatorId });
    return { changed: true };
  });
}

/**
 * Takes a person from a mediator, recorded in the audit; a conversation the mediator holds for
 * them ends too (their next message is their own). `changed` is false when there was no support.
 */
export function unassignMediator(store: Store, mediatorId: number, personId: number, actor: Actor, now: Date): SupportChange {
  return inTransaction(store.db, () => {
    const problem = problemOf(store, mediatorId, personId);
    if (problem) return { problem };
    if (!store.mediation.removeSupport(mediatorId, personId)) return { changed: false };
    audit(store, actor, 'mediator_unassigned', personId, now, { mediator_id: mediatorId });
    if (store.mediation.endActingFor(mediatorId, personId) > 0) audit(store, { ...actor, actorId: mediatorId }, 'acting_ended', personId, now, { reason: 'unassigned' });
    return { changed: true };
  });
}
