import type { Effect } from '../domain/effect';
import type { ContactPointView } from '../domain/person-snapshot';
import type { ReminderPreference, VolunteerProfile } from '../domain/profile';
import { text, type Text } from '../domain/text';
import { castBallot } from '../consultations/cast-ballot';
import { PARTICIPATION_CONSENT } from '../domain/consultation';
import { erasePerson } from '../privacy/erase-person';
import type { Store } from '../store/store';

/** What applying a turn's effects changed beyond the store. */
export interface AppliedEffects {
  /** The person no longer exists: replies must go to their address without a contact point. */
  readonly erased: boolean;
  /** Things the person must be told that the flow could not know (a phone number already in use). */
  readonly notices: readonly Text[];
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
function reminderTarget(store: Store, personId: number, contact: ContactPointView, profile: VolunteerProfile, phone: string | null, now: Date): ReminderTarget {
  const here = (reminders: ReminderPreference, notice: Text | null = null): ReminderTarget => ({
    profile: { ...profile, reminders },
    reminderContactId: contact.id,
    notice,
  });
  if (profile.reminders === 'none') return { profile, reminderContactId: null, notice: null };
  if (profile.reminders === 'this_contact' || contact.channel === 'sms' || phone === null) return here(profile.reminders);
  const existing = store.contacts.find('sms', phone);
  if (existing && existing.personId !== personId) return here('this_contact', text('profile:phone_number.taken'));
  const sms = existing ?? store.contacts.create(personId, 'sms', phone, now);
  return { profile, reminderContactId: sms.id, notice: null };
}

/** Applies a turn's effects to the store. Call inside the turn's transaction. */
export function applyEffects(store: Store, personId: number, contact: ContactPointView, effects: readonly Effect[], now: Date): AppliedEffects {
  const notices: Text[] = [];
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
          { purpose: 'volunteer_registration', noticeVersion: effect.consent.noticeVersion, givenAt: effect.consent.givenAt, method: 'chat' },
          now,
        );
        store.stats.increment('volunteer_registered', now);
        if (target.notice) notices.push(target.notice);
        break;
      }
      case 'update_profile': {
        const target = reminderTarget(store, personId, contact, effect.profile, effect.phoneNumber, now);
        store.people.updateProfile(personId, target.profile, target.reminderContactId, now);
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
        store.people.recordConsent(personId, { purpose: PARTICIPATION_CONSENT, noticeVersion: effect.noticeVersion, givenAt: effect.givenAt, method: 'chat' });
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
      case 'erase_person':
        erasePerson(store, personId, now);
        return { erased: true, notices };
    }
  }
  return { erased: false, notices };
}
