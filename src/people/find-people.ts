import type { VolunteerStatus } from '../domain/person-snapshot';
import type { Role } from '../domain/role';
import { foldText } from '../lib/text/normalize';
import type { Store } from '../store/store';
import { resolvePerson } from './resolve-person';

/** At most this many people are listed for one search: a name shared by more is searched more precisely. */
export const SEARCH_LIMIT = 50;

/** A person found, as a list shows them. */
export interface PersonMatch {
  readonly id: number;
  readonly firstName: string | null;
  readonly neighbourhood: string | null;
  readonly volunteerStatus: VolunteerStatus;
  readonly roles: readonly Role[];
}

/**
 * Finds the people an agent means: a number (`12`, `n° 12`), a contact point
 * (`telegram:123456`), a phone number in any usual form, or a first name or pseudonym, any part of
 * it, whatever the case and accents ("elo" finds Éloïse).
 */
export function findPeople(store: Store, query: string, country: string): PersonMatch[] {
  const trimmed = query.trim().replace(/^(?:n°|no\.?|#)\s*/i, '');
  if (trimmed === '') return [];
  const ids = new Set<number>();
  const exact = resolvePerson(store, trimmed, country);
  if (exact !== null) ids.add(exact);
  const wanted = foldText(trimmed);
  if (wanted !== '') {
    for (const { id, firstName } of store.people.firstNames()) {
      if (ids.size >= SEARCH_LIMIT) break;
      if (foldText(firstName).includes(wanted)) ids.add(id);
    }
  }
  return [...ids].flatMap((id) => {
    const person = store.people.find(id);
    return person ? [{ id, firstName: person.profile?.firstName ?? null, neighbourhood: person.profile?.neighbourhood ?? null, volunteerStatus: person.volunteerStatus, roles: person.roles }] : [];
  });
}
