import type { StepContext } from '../engine/flow-functions';
import { hasActiveConsent, mayAnswer } from '../../domain/consultation';
import { chosenConsultation, chosenResults, invitedConsultations } from './consultation-data';
import { chosenIdea } from './idea-data';
import { forOther, reminderHere } from './profile-data';
import { chosenSession } from './session-data';
import { chosenInvitation, unansweredInvitations } from './draw-data';

/** Named conditions flows branch on or filter options by. */
export const conditions: Readonly<Record<string, (ctx: StepContext) => boolean>> = {
  /** A seat in a draw waits for the person's answer (the menu offers to answer). */
  has_draw_invitation: (ctx) => unansweredInvitations(ctx).length > 0,
  /** The invitation this conversation is about still waited when the turn began. */
  draw_invitation_open: (ctx) => chosenInvitation(ctx) !== null,
  is_draw_reminder: (ctx) => ctx.data.reminder === true,
  /** The person was drawn in a draw: MES DONNÉES lists it. */
  has_draw_seats: (ctx) => ctx.participation.drawSeats().length > 0,
  /** A mediator acted for the person: MES DONNÉES lists it. */
  has_mediator_actions: (ctx) => ctx.actionsForMe().length > 0,
  has_language: (ctx) => ctx.person.language !== null,
  /** Staff desks, for the staff member themselves (never while a mediator acts for someone). */
  is_mediator: (ctx) => !ctx.onBehalf && ctx.person.roles.includes('mediator'),
  is_agent: (ctx) => !ctx.onBehalf && ctx.person.roles.includes('agent'),
  is_volunteer: (ctx) => ctx.person.volunteerStatus === 'volunteer',
  is_not_volunteer: (ctx) => ctx.person.volunteerStatus !== 'volunteer',
  /** SMS reminders to a number we must ask for, because the person writes from elsewhere (or a mediator writes for them). */
  needs_phone_number: (ctx) => ctx.data.reminders === 'sms' && reminderHere(ctx) !== 'sms',
  /** Offering "by SMS" on the SMS channel would repeat "here". */
  not_on_sms: (ctx) => reminderHere(ctx) !== 'sms',
  /** "Here" is a chat app the person writes on (not SMS, not a mediator). */
  here_is_chat: (ctx) => reminderHere(ctx) !== 'sms' && reminderHere(ctx) !== 'mediator',
  on_sms: (ctx) => reminderHere(ctx) === 'sms',
  /** A mediator fills the profile: "here" means the mediator's daily digest. */
  for_other: (ctx) => forOther(ctx),
  has_upcoming_sessions: (ctx) => ctx.sessions.length > 0,
  /** The session chosen (or reminded of) is still planned: it may have been cancelled meanwhile. */
  session_still_planned: (ctx) => chosenSession(ctx) !== null,

  /** The person accepted the privacy notice: what they say may be kept. */
  has_consent: (ctx) => hasActiveConsent(ctx.person),
  /** There is something to do with ideas: a call is open, or ideas were published. */
  ideas_available: (ctx) => ctx.participation.ideaBoard().openCall !== null || ctx.participation.ideaBoard().published.length > 0,
  idea_call_open: (ctx) => ctx.participation.ideaBoard().openCall !== null,
  has_published_ideas: (ctx) => ctx.participation.ideaBoard().published.length > 0,
  /** The idea's neighbourhood is known: chosen for it, or in the author's profile. */
  knows_neighbourhood: (ctx) => typeof ctx.data.neighbourhood === 'string' || Boolean(ctx.person.profile?.neighbourhood),
  /** The idea chosen is still published: it may have been merged into another meanwhile. */
  idea_still_published: (ctx) => chosenIdea(ctx) !== null,
  /** Supporting is for others' ideas, once, while the call is open. */
  may_support_idea: (ctx) => {
    const idea = chosenIdea(ctx);
    return idea !== null && !idea.supportedByMe && !idea.mine && ctx.participation.ideaBoard().openCall !== null;
  },
  supports_idea: (ctx) => chosenIdea(ctx)?.supportedByMe === true,

  /** Open consultations the person may answer, or results of ones they took part in. */
  has_consultations: (ctx) =>
    ctx.participation.openConsultations().some((c) => mayAnswer(ctx.person, c.audience)) || ctx.participation.resultsForMe().length > 0,
  /** The person chose the results of a closed consultation rather than an open one. */
  chosen_results: (ctx) => chosenResults(ctx) !== null,
  /** The consultation chosen (or invited to) is open: it may have closed since. */
  consultation_open: (ctx) => chosenConsultation(ctx) !== null,
  /** A grouped invitation still lists consultations the person has not answered or put off. */
  invitations_waiting: (ctx) => invitedConsultations(ctx).length > 0,
  may_answer_consultation: (ctx) => {
    const consultation = chosenConsultation(ctx);
    return consultation !== null && mayAnswer(ctx.person, consultation.audience);
  },
};
