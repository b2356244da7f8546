import { listAudit, type AuditListing } from '../audit/list-audit';
import type { SupportedPerson } from '../domain/mediation';
import type { Role } from '../domain/role';
import type { Translator } from '../i18n/translator';
import { messagesTo, type ListedMessage } from '../outbox/list-messages';
import type { ContactPointRecord } from '../store/contacts-repo';
import type { PersonRecord } from '../store/people-repo';
import type { Store } from '../store/store';

/** How many audit entries about a person the overview shows (the latest). */
const AUDIT_SHOWN = 50;

/** Everything agents see of one person to help them: their record, how to reach them, who helps them, what was sent, what staff did. */
export interface PersonOverview {
  readonly person: PersonRecord;
  readonly contacts: readonly ContactPointRecord[];
  /** Each role held, with the organisation it is held for. */
  readonly roles: readonly { readonly role: Role; readonly organisation: string | null }[];
  readonly mediators: readonly { readonly mediatorId: number; readonly organisation: string | null; readonly via: string }[];
  /** The people this person supports, if a mediator. */
  readonly supports: readonly SupportedPerson[];
  readonly messages: readonly ListedMessage[];
  /** What staff did about them, the latest first. */
  readonly audit: readonly AuditListing[];
}

/** A person's overview, or null when there is no such person (erased, or never was). */
export function personOverview(store: Store, translator: Translator, personId: number): PersonOverview | null {
  const person = store.people.find(personId);
  if (!person) return null;
  return {
    person,
    contacts: store.contacts.forPerson(personId),
    roles: person.roles.map((role) => ({ role, organisation: store.people.organisationOf(personId, role) })),
    mediators: store.mediation.mediatorsOf(personId),
    supports: person.roles.includes('mediator') ? store.mediation.supportedBy(personId) : [],
    messages: messagesTo(store, translator, personId),
    audit: listAudit(store, { personId }, AUDIT_SHOWN).reverse(),
  };
}
