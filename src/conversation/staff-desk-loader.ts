import type { PersonSnapshot } from '../domain/person-snapshot';
import type { StaffDesk } from '../domain/staff-desk';
import type { Store } from '../store/store';
import { loadAgentDesk } from './agent-desk-loader';
import { once } from './once';

/** What staff menus need for `person`, read lazily and only as far as their roles allow. */
export function loadStaffDesk(store: Store, person: PersonSnapshot, now: Date): StaffDesk {
  const isMediator = person.roles.includes('mediator');
  return {
    ...loadAgentDesk(store, person, now),
    supportedPeople: once(() => (isMediator ? store.mediation.supportedBy(person.id) : [])),
  };
}

