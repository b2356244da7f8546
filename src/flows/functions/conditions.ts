import type { StepContext } from '../engine/flow-functions';
import { chosenSession } from './session-data';

/** Named conditions flows branch on or filter options by. */
export const conditions: Readonly<Record<string, (ctx: StepContext) => boolean>> = {
  has_language: (ctx) => ctx.person.language !== null,
  is_volunteer: (ctx) => ctx.person.volunteerStatus === 'volunteer',
  is_not_volunteer: (ctx) => ctx.person.volunteerStatus !== 'volunteer',
  /** SMS reminders to a number we must ask for, because the person writes from elsewhere. */
  needs_phone_number: (ctx) => ctx.data.reminders === 'sms' && ctx.contact.channel !== 'sms',
  /** Offering "by SMS" on the SMS channel would repeat "here". */
  not_on_sms: (ctx) => ctx.contact.channel !== 'sms',
  on_sms: (ctx) => ctx.contact.channel === 'sms',
  has_upcoming_sessions: (ctx) => ctx.sessions.length > 0,
  /** The session chosen (or reminded of) is still planned: it may have been cancelled meanwhile. */
  session_still_planned: (ctx) => chosenSession(ctx) !== null,
};
