import type { City } from '../domain/city';
import { OTHER_NEIGHBOURHOOD } from '../domain/profile';
import type { Store } from '../store/store';

/** A volunteer as agents see them in `parlons volunteers` (snake_case keys: this is an export format). */
export interface VolunteerListing {
  readonly id: number;
  readonly first_name: string;
  readonly neighbourhood: string;
  readonly neighbourhood_name: string;
  readonly age_bracket: string;
  readonly gender: string;
  readonly equipment: string;
  readonly reminders: string;
  readonly language: string | null;
  readonly volunteer_since: string | null;
  readonly consent_version: string | null;
  readonly consent_at: string | null;
  /** `chat` when the person consented themselves; `paper` or `oral` when a mediator collected it. */
  readonly consent_method: string | null;
  /** Where a mediator's paper trail is (a form number). */
  readonly consent_reference: string | null;
  /** The mediators who support the person (the one who registered them first). */
  readonly mediators: readonly { readonly id: number; readonly organisation: string | null; readonly via: string }[];
  readonly contact_points: readonly { readonly channel: string; readonly address: string }[];
}

/** Every current volunteer, oldest first, with their registration consent, their mediators and contact points. */
export function listVolunteers(store: Store, city: City): VolunteerListing[] {
  return store.people.volunteerIds().flatMap((id) => {
    const person = store.people.find(id);
    if (!person?.profile) return [];
    const consent = [...person.consents].reverse().find((c) => c.purpose === 'volunteer_registration' && c.withdrawnAt === null);
    const neighbourhood = person.profile.neighbourhood;
    return [
      {
        id: person.id,
        first_name: person.profile.firstName,
        neighbourhood,
        neighbourhood_name:
          neighbourhood === OTHER_NEIGHBOURHOOD ? OTHER_NEIGHBOURHOOD : (city.neighbourhoods.find((n) => n.id === neighbourhood)?.name ?? neighbourhood),
        age_bracket: person.profile.ageBracket,
        gender: person.profile.gender,
        equipment: person.profile.equipment,
        reminders: person.profile.reminders,
        language: person.language,
        volunteer_since: person.volunteerSince,
        consent_version: consent?.noticeVersion ?? null,
        consent_at: consent?.givenAt ?? null,
        consent_method: consent?.method ?? null,
        consent_reference: consent?.reference ?? null,
        mediators: store.mediation.mediatorsOf(id).map((m) => ({ id: m.mediatorId, organisation: m.organisation, via: m.via })),
        contact_points: store.contacts.forPerson(id).map((c) => ({ channel: c.channel, address: c.address })),
      },
    ];
  });
}
