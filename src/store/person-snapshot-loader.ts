import type { PersonSnapshot } from '../domain/person-snapshot';
import type { ContactsRepo } from './contacts-repo';
import type { PeopleRepo } from './people-repo';

/** Loads what flows may know of a person: their row and their contact points. */
export function loadPersonSnapshot(people: PeopleRepo, contacts: ContactsRepo, personId: number): PersonSnapshot | null {
  const person = people.find(personId);
  if (!person) return null;
  const { updatedAt: _updatedAt, volunteerSince: _volunteerSince, ...facts } = person;
  return { ...facts, contacts: contacts.forPerson(personId).map(({ id, channel, address, endToEndEncrypted }) => ({ id, channel, address, ...(endToEndEncrypted ? { endToEndEncrypted } : {}) })) };
}
