import type { Effect } from '../domain/effect';
import type { ContactPointView } from '../domain/person-snapshot';
import type { ReminderPreference, VolunteerProfile } from '../domain/profile';
import { text, type Text } from '../domain/text';
import { castBallot } from '../consultations/cast-ballot';
import { PARTICIPATION_CONSENT } from '../domain/consultation';
import { erasePerson } from '../privacy/erase-person';
import type { Store } from '../store/store';
import { audit, type Actor } from '../roles/manage-roles';
import type { ConsentMethod } from '../domain/mediation';
import { applyAgentEffect } from './apply-agent-effect';
import { answerSeat } from '../draws/answer-seat';

/** What applying a turn's effects changed beyond the store. */
export interface AppliedEffects {
  /** The person no longer exists: replies must go to their address without a contact point. */
  readonly erased: boolean;
  /** Things the person must be told that the flow could not know (a phone number already in use). */
  readonly notices: readonly Text[];
  /** The person a mediator now acts for, when the turn started that. */
  readonly actingFor: number | null;
}

/**
 * Who applies the effects: the person themselves from `contact`, or a mediator acting for them
 * (`contact` is then null: the mediator's contact point is not the person's).
 */
export interface EffectSource {
  readonly contact: ContactPointView | null;
  /** The mediator acting for the person, for consents they relay. */
  readonly mediator?: Actor;
}

interface ReminderTarget {
  readonly profile: VolunteerProfile;
  readonly reminderContactId: number | null;
  readonly notice: Text | null;
}

/**
 * Which contact point reminders go to. Choosing SMS from another channel adds the number as a
 * contact point of the person; a number that already belongs to someone else is never taken over
 * (anyone could type it): reminders then stay on this channel and the person is told why.
 */
function reminderTarget(store: Store, personId: number, contact: ContactPointView | null, profile: VolunteerProfile, phone: string | null, now: Date): ReminderTarget {
  // With no contact point of their own here, "here" means through their mediator's digest.
  const here = (reminders: ReminderPreference, notice: Text | null = null): ReminderTarget => ({
    profile: { ...profile, reminders },
    reminderContactId: contact?.id ?? null,
    notice,
  });
  if (profile.reminders === 'none') return { profile, reminderContactId: null, notice: null };
  if (profile.reminders === 'this_contact' || contact?.channel === 'sms' || phone === null) return here(profile.reminders);
  const existing = store.contacts.find('sms', phone);
  if (existing && existing.personId !== personId) return here('this_contact', text('profile:phone_number.taken'));
  const sms = existing ?? store.contacts.create(personId, 'sms', phone, now);
  return { profile, reminderContactId: sms.id, notice: null };
}

/** How a consent given in this conversation was collected: in chat, or relayed orally by a mediator. */
function consentOrigin(source: EffectSource): { method: ConsentMethod; recordedBy: number | null } {
  return source.mediator ? { method: 'oral', recordedBy: source.mediator.actorId } : { method: 'chat', recordedBy: null };
}

/**
 * A mediator registers someone without a contact point: the person, their profile and the
 * consent collected on paper or orally, the mediator's support, and the start of acting for them.
 */
function registerMediatedPerson(store: Store, mediatorId: number, contact: ContactPointView, effect: Extract<Effect, { type: 'register_mediated_person' }>, now: Date) {
  const personId = store.people.create(effect.language, now);
  const target = reminderTarget(store, personId, null, effect.profile, effect.phoneNumber, now);
  const { method, reference, noticeVersion, givenAt } = effect.consent;
  store.people.registerVolunteer(personId, target.profile, target.reminderContactId, { purpose: 'volunteer_registration', noticeVersion, givenAt, method, reference, recordedBy: mediatorId }, now);
  store.stats.increment('volunteer_registered', now);
  store.mediation.addSupport(mediatorId, personId, 'registered', now);
  if (effect.otherAnswers) store.profileAnswers.save(personId, effect.otherAnswers, now);
  const actor: Actor = { actorId: mediatorId, channel: contact.channel, contactId: contact.id };
  audit(store, actor, 'person_registered_by_mediator', personId, now, { consent_method: method });
  return { personId, actor, notice: target.notice };
}

/** Starts acting for a person, if the mediator holds the role and supports them; false otherwise. */
function startActing(store: Store, mediatorId: number, contact: ContactPointView, personId: number, now: Date): boolean {
  const mediator = store.people.find(mediatorId);
  if (!mediator?.roles.includes('mediator') || !store.mediation.supports(mediatorId, personId)) return false;
  store.mediation.startActing(contact.id, mediatorId, personId, now);
  audit(store, { actorId: mediatorId, channel: contact.channel, contactId: contact.id }, 'acting_started', personId, now);
  return true;
}

/** Applies a turn's effects to the store. Call inside the turn's transaction. */
export function applyEffects(store: Store, personId: number, source: EffectSource, effects: readonly Effect[], now: Date): AppliedEffects {
  const { contact } = source;
  const notices: Text[] = [];
  let actingFor: number | null = null;
  for (const effect of effects) {
    switch (effect.type) {
      case 'set_language':
        store.people.setLanguage(personId, effect.language, now);
        break;
      case 'register_volunteer': {
        const target = reminderTarget(store, personId, contact, effect.profile, effect.phoneNumber, now);
        store.people.registerVolunteer(
          personId,
          target.profile,
          target.reminderContactId,
          { purpose: 'volunteer_registration', noticeVersion: effect.consent.noticeVersion, givenAt: effect.consent.givenAt, ...consentOrigin(source) },
          now,
        );
        store.stats.increment('volunteer_registered', now);
        if (effect.otherAnswers) store.profileAnswers.save(personId, effect.otherAnswers, now);
        if (target.notice) notices.push(target.notice);
        break;
      }
      case 'update_profile': {
        const target = reminderTarget(store, personId, contact, effect.profile, effect.phoneNumber, now);
        store.people.updateProfile(personId, target.profile, target.reminderContactId, now);
        if (effect.otherAnswers) store.profileAnswers.save(personId, effect.otherAnswers, now);
        if (target.notice) notices.push(target.notice);
        break;
      }
      case 'withdraw_volunteer':
        store.people.withdrawVolunteer(personId, now);
        store.stats.increment('volunteer_withdrawn', now);
        break;
      case 'opt_out':
        store.people.setOptedOut(personId, true, now);
        store.stats.increment('opt_out', now);
        break;
      case 'opt_in':
        store.people.setOptedOut(personId, false, now);
        break;
      case 'answer_session':
        store.sessions.answer(effect.sessionId, personId, effect.answer, now);
        break;
      case 'give_consent':
        store.people.recordConsent(personId, { purpose: PARTICIPATION_CONSENT, noticeVersion: effect.noticeVersion, givenAt: effect.givenAt, ...consentOrigin(source) });
        break;
      case 'submit_idea':
        store.ideas.submit({ callId: effect.callId, authorId: personId, title: effect.title, body: effect.body, neighbourhood: effect.neighbourhood }, now);
        store.stats.increment('idea_submitted', now);
        break;
      case 'support_idea':
        store.ideas.support(effect.ideaId, personId, now);
        break;
      case 'withdraw_idea_support':
        store.ideas.withdrawSupport(effect.ideaId, personId);
        break;
      case 'cast_ballot':
        castBallot(store, personId, effect.consultationId, effect.answers, now);
        break;
      case 'answer_draw':
        if (!answerSeat(store, personId, effect.seatId, effect.answer, now)) notices.push(text('draws:invitation.too_late'));
        break;
      case 'start_acting':
        if (contact && startActing(store, personId, contact, effect.personId, now)) actingFor = effect.personId;
        else notices.push(text('mediation:not_supported'));
        break;
      case 'register_mediated_person': {
        // Only a mediator's own conversation registers people; flows offer it to mediators only.
        if (!contact || !store.people.find(personId)?.roles.includes('mediator')) break;
        const registered = registerMediatedPerson(store, personId, contact, effect, now);
        if (registered.notice) notices.push(registered.notice);
        if (startActing(store, personId, contact, registered.personId, now)) actingFor = registered.personId;
        break;
      }
      case 'send_broadcast':
      case 'approve_idea':
      case 'reject_idea':
      case 'view_participation':
        notices.push(...applyAgentEffect(store, personId, source, effect, now));
        break;
      case 'erase_person':
        erasePerson(store, personId, now);
        return { erased: true, notices, actingFor };
    }
  }
  return { erased: false, notices, actingFor };
}
