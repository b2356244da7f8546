import type { City } from '../domain/city';
import { ACTING_IDLE_LIMIT_MS } from '../domain/mediation';
import { personLabel } from '../domain/person-label';
import type { PersonFacts } from '../domain/person-snapshot';
import { text, type Text } from '../domain/text';
import { audit, type Redemption } from '../roles/manage-roles';
import type { ActingRecord } from '../store/mediation-repo';
import type { Store } from '../store/store';
import type { Keyword } from './keywords';

/**
 * Keywords a mediator acting for someone means for themselves: FIN, their staff menus, STOP
 * (which ends the acting and opts nobody out: see ConversationService.stopActing) and
 * REPRENDRE. They end the acting first. Every other keyword (MENU, AIDE, MES DONNÉES…) is the
 * person's.
 */
export const ENDS_ACTING: ReadonlySet<Keyword> = new Set<Keyword>(['end_acting', 'mediation', 'agent', 'web', 'stop', 'start']);

/**
 * Why acting for someone ended, as recorded in the audit: FIN, another desk, STOP, a message
 * after 30 idle minutes, the scheduler's sweep of idle ones, or a reminder for the mediator.
 */
export type ActingEnd = 'ended' | 'left' | 'stopped' | 'inactive' | 'expired' | 'interrupted';

function labelOf(person: Pick<PersonFacts, 'id' | 'profile'>, city: City): Text {
  return personLabel({ id: person.id, firstName: person.profile?.firstName ?? null, neighbourhood: person.profile?.neighbourhood ?? null }, city);
}

/** The line every message carries while a mediator acts for someone: "You are acting for X — END to stop". */
export function actingBanner(person: Pick<PersonFacts, 'id' | 'profile'>, city: City): Text {
  return text('mediation:acting.banner', { name: labelOf(person, city) });
}

/** What the mediator is told when acting ends (`person` null: they were erased meanwhile). */
function actingEndedNotice(person: Pick<PersonFacts, 'id' | 'profile'> | null, reason: ActingEnd, city: City): Text {
  const name = person ? labelOf(person, city) : text('mediation:person_erased');
  return text(`mediation:acting.${reason}`, { name });
}

/** Whether acting for someone has gone 30 minutes without a message from the mediator. */
export function isIdle(acting: ActingRecord, now: Date): boolean {
  return now.getTime() - new Date(acting.lastActiveAt).getTime() > ACTING_IDLE_LIMIT_MS;
}

/** Ends acting for someone, recorded in the audit; returns what to tell the mediator. Call inside a transaction. */
export function endActing(store: Store, acting: ActingRecord, reason: ActingEnd, city: City, now: Date): Text {
  const person = store.people.find(acting.personId);
  const contact = store.contacts.findById(acting.contactId);
  store.mediation.endActing(acting.contactId);
  audit(store, { actorId: acting.mediatorId, channel: contact?.channel ?? 'unknown', contactId: acting.contactId }, 'acting_ended', acting.personId, now, { reason });
  return actingEndedNotice(person, reason, city);
}

/** What the sender of an invitation code is told. */
export function redemptionNotice(redemption: Redemption): Text {
  switch (redemption.outcome) {
    case 'granted':
      return text(`mediation:invitation.granted_${redemption.role}`, { organisation: redemption.organisation ?? '' });
    case 'held_already':
      return text(`mediation:invitation.held_already_${redemption.role}`);
    case 'invalid':
      return text('mediation:invitation.invalid');
    case 'too_many':
      return text('mediation:invitation.guessing_limited');
  }
}
