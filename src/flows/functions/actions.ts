import type { Effect } from '../../domain/effect';
import { isLanguage } from '../../domain/language';
import type { ActionResult, StepContext } from '../engine/flow-functions';
import { FlowDefinitionError } from '../engine/flow-errors';
import { dataFromPerson, profileFromData, smsNumberFromData } from './profile-data';

function completeProfile(ctx: StepContext) {
  const profile = profileFromData(ctx.data);
  // The fill step only moves on once every field is set, so a gap here is a definition bug.
  if (!profile) throw new FlowDefinitionError('profile incomplete when saving');
  return profile;
}

/** Named actions: the only place flows turn answers into effects. */
export const actions: Readonly<Record<string, (ctx: StepContext) => ActionResult>> = {
  set_language: (ctx) => {
    const language = ctx.data.language;
    if (!isLanguage(language)) throw new FlowDefinitionError(`set_language without a language (${String(language)})`);
    return { effects: [{ type: 'set_language', language }] };
  },

  /** Remembers when consent was given and to which notice, until the registration is confirmed. */
  record_consent: (ctx) => ({
    data: { consent_version: ctx.settings.privacyNoticeVersion, consent_at: ctx.now.toISOString() },
  }),

  register_volunteer: (ctx) => {
    const { consent_version: noticeVersion, consent_at: givenAt } = ctx.data;
    if (typeof noticeVersion !== 'string' || typeof givenAt !== 'string') throw new FlowDefinitionError('registering without consent');
    const effect: Effect = {
      type: 'register_volunteer',
      profile: completeProfile(ctx),
      phoneNumber: smsNumberFromData(ctx.data, ctx.contact),
      consent: { noticeVersion, givenAt },
    };
    return { effects: [effect] };
  },

  /** Copies the saved profile into flow data, so that it can be shown and changed field by field. */
  load_profile: (ctx) => ({ data: dataFromPerson(ctx.person) }),

  save_profile: (ctx) => ({
    effects: [{ type: 'update_profile', profile: completeProfile(ctx), phoneNumber: smsNumberFromData(ctx.data, ctx.contact) }],
  }),

  /** Forgets the field the person wants to correct; the fill step then asks it again. */
  forget_chosen_field: (ctx) => {
    const field = ctx.data.correcting;
    if (typeof field !== 'string') throw new FlowDefinitionError('no field chosen to correct');
    return { data: { [field]: undefined, correcting: undefined } };
  },

  withdraw_volunteer: () => ({ effects: [{ type: 'withdraw_volunteer' }] }),

  erase_person: () => ({ effects: [{ type: 'erase_person' }] }),

  /** Records yes, no or maybe for the session in data; the outcome is the answer, for the thanks. */
  answer_session: (ctx) => {
    const answer = ctx.data.rsvp;
    const sessionId = Number(ctx.data.session_id);
    if ((answer !== 'yes' && answer !== 'no' && answer !== 'maybe') || !Number.isInteger(sessionId)) {
      throw new FlowDefinitionError(`answer_session without an answer or a session (${String(answer)}, ${String(ctx.data.session_id)})`);
    }
    return { outcome: answer, effects: [{ type: 'answer_session', sessionId, answer }] };
  },
};
