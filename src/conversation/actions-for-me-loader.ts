import type { ActionForPerson } from '../domain/audit';
import type { Store } from '../store/store';

/** What mediators did for a person, for MES DONNÉES: staff who acted for them, never staff actions about roles. */
export function loadActionsFor(store: Store, personId: number): ActionForPerson[] {
  return store.audit
    .list({ subjectId: personId })
    .filter((event) => event.actorId !== null && event.actorId !== personId)
    .map((event) => ({
      at: event.at,
      action: event.action,
      actorId: event.actorId,
      organisation: event.actorId === null ? null : store.people.organisationOf(event.actorId, 'mediator'),
      channel: event.channel,
    }));
}
