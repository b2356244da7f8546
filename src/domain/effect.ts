import type { AgentEffect } from './agent-effect';
import type { RsvpAnswer } from './assembly-session';
import type { BallotAnswers } from './consultation';
import type { Language } from './language';
import type { MediatedConsent } from './mediation';
import type { VolunteerProfile } from './profile';

/**
 * A change a flow asks for. Flows are pure: they return effects, and the conversation service
 * applies them to the store inside the same transaction as the inbound message.
 * `type` values are snake_case, like every persisted id.
 */
export type Effect =
  | { readonly type: 'set_language'; readonly language: Language }
  | {
      readonly type: 'register_volunteer';
      readonly profile: VolunteerProfile;
      /** E.164 number for SMS reminders, when the person chose SMS from another channel. */
      readonly phoneNumber: string | null;
      readonly consent: { readonly noticeVersion: string; readonly givenAt: string };
      /** Answers to the city's own questions (question id → option id). */
      readonly otherAnswers?: Readonly<Record<string, string>>;
    }
  | { readonly type: 'update_profile'; readonly profile: VolunteerProfile; readonly phoneNumber: string | null; readonly otherAnswers?: Readonly<Record<string, string>> }
  | { readonly type: 'withdraw_volunteer' }
  | { readonly type: 'opt_out' }
  | { readonly type: 'opt_in' }
  | { readonly type: 'erase_person' }
  | { readonly type: 'answer_session'; readonly sessionId: number; readonly answer: RsvpAnswer }
  /** Consent to the privacy notice for taking part (ideas, consultations) without registering as a volunteer. */
  | { readonly type: 'give_consent'; readonly noticeVersion: string; readonly givenAt: string }
  | { readonly type: 'submit_idea'; readonly callId: number; readonly title: string; readonly body: string; readonly neighbourhood: string | null }
  | { readonly type: 'support_idea'; readonly ideaId: number }
  | { readonly type: 'withdraw_idea_support'; readonly ideaId: number }
  /** Records or replaces the person's ballot; refused by the store if the consultation closed meanwhile. */
  | { readonly type: 'cast_ballot'; readonly consultationId: number; readonly answers: BallotAnswers }
  /** A mediator starts acting for a person they support (refused by the store otherwise). */
  | { readonly type: 'start_acting'; readonly personId: number }
  /**
   * A mediator registers a person who has no contact point, with the consent they collected on
   * paper or orally; the mediator then supports the person and acts for them.
   */
  | {
      readonly type: 'register_mediated_person';
      readonly profile: VolunteerProfile;
      readonly phoneNumber: string | null;
      readonly language: Language;
      readonly consent: MediatedConsent & { readonly noticeVersion: string; readonly givenAt: string };
      readonly otherAnswers?: Readonly<Record<string, string>>;
    }
  /** Accepts or declines a seat in a draw by lot (refused by the store if it is no longer waiting). */
  | { readonly type: 'answer_draw'; readonly seatId: number; readonly answer: 'accepted' | 'declined' }
  | AgentEffect;
