import { PARTICIPATION_CONSENT } from './consultation';
import type { Effect } from './effect';
import type { PersonSnapshot } from './person-snapshot';

/**
 * What the person looks like once an effect is applied: the engine uses it so that later steps of
 * the same turn (the menu after registering, the profile after a change) see the change before
 * the store has written it. Pure; the store applies the same effect for real.
 */
export function applyEffect(person: PersonSnapshot, effect: Effect, now: Date): PersonSnapshot {
  const at = now.toISOString();
  switch (effect.type) {
    case 'set_language':
      return { ...person, language: effect.language };
    case 'register_volunteer':
      return {
        ...person,
        otherAnswers: effect.otherAnswers ?? person.otherAnswers ?? {},
        volunteerStatus: 'volunteer',
        profile: effect.profile,
        consents: [
          ...person.consents,
          { purpose: 'volunteer_registration', noticeVersion: effect.consent.noticeVersion, givenAt: effect.consent.givenAt, method: 'chat', withdrawnAt: null },
        ],
      };
    case 'update_profile':
      return { ...person, profile: effect.profile, otherAnswers: effect.otherAnswers ?? person.otherAnswers ?? {} };
    case 'withdraw_volunteer':
      return {
        ...person,
        volunteerStatus: 'withdrawn',
        profile: null,
        otherAnswers: {},
        consents: person.consents.map((c) => (c.withdrawnAt === null ? { ...c, withdrawnAt: at } : c)),
      };
    case 'opt_out':
      return { ...person, optedOutAt: at };
    case 'opt_in':
      return { ...person, optedOutAt: null };
    case 'give_consent':
      return {
        ...person,
        consents: [...person.consents, { purpose: PARTICIPATION_CONSENT, noticeVersion: effect.noticeVersion, givenAt: effect.givenAt, method: 'chat', withdrawnAt: null }],
      };
    case 'answer_draw': {
      // Accepting gives the assembly_member role, once the store has checked the seat still waited.
      const answered = { ...person, answeredSeats: [...(person.answeredSeats ?? []), effect.seatId] };
      return effect.answer === 'accepted' && !person.roles.includes('assembly_member') ? { ...answered, roles: [...person.roles, 'assembly_member'] } : answered;
    }
    case 'erase_person':
    case 'answer_session':
    case 'submit_idea':
    case 'support_idea':
    case 'withdraw_idea_support':
    case 'cast_ballot':
    case 'start_acting':
    case 'register_mediated_person':
    case 'send_broadcast':
    case 'approve_idea':
    case 'reject_idea':
    case 'view_participation':
      return person;
  }
}
