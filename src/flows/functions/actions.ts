import type { Effect } from '../../domain/effect';
import { isLanguage } from '../../domain/language';
import type { ActionResult, StepContext } from '../engine/flow-functions';
import { FlowDefinitionError } from '../engine/flow-errors';
import { findSimilarIdeas } from '../../ideas/similar-ideas';
import { draftBallot, nextQuestionKind, recordAnswer, requireConsultation } from './consultation-data';
import { chosenIdea, currentPage, draftNeighbourhood, nextPage } from './idea-data';
import { requireSession } from './session-data';
import { dataFromPerson, profileFromData, reminderHere, smsNumberFromData } from './profile-data';
import { cityAnswersFromData, CITY_QUESTIONS_DONE, dataFromCityAnswers, forgetCityAnswers } from './city-questions';

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
      phoneNumber: smsNumberFromData(ctx.data, reminderHere(ctx)),
      consent: { noticeVersion, givenAt },
      otherAnswers: cityAnswersFromData(ctx.data, ctx.settings.city),
    };
    return { effects: [effect] };
  },

  /** Copies the saved profile into flow data, so that it can be shown and changed field by field. */
  load_profile: (ctx) => ({ data: { ...dataFromPerson(ctx.person), ...dataFromCityAnswers(ctx.person.otherAnswers ?? {}, ctx.settings.city) } }),

  save_profile: (ctx) => ({
    effects: [
      { type: 'update_profile', profile: completeProfile(ctx), phoneNumber: smsNumberFromData(ctx.data, reminderHere(ctx)), otherAnswers: cityAnswersFromData(ctx.data, ctx.settings.city) },
    ],
  }),

  /** Forgets the field the person wants to correct; the fill step then asks it again. */
  forget_chosen_field: (ctx) => {
    const field = ctx.data.correcting;
    if (typeof field !== 'string') throw new FlowDefinitionError('no field chosen to correct');
    if (field === 'city_questions') return { data: { ...forgetCityAnswers(ctx.data), [CITY_QUESTIONS_DONE]: undefined, correcting: undefined } };
    return { data: { [field]: undefined, correcting: undefined } };
  },

  withdraw_volunteer: () => ({ effects: [{ type: 'withdraw_volunteer' }] }),

  erase_person: () => ({ effects: [{ type: 'erase_person' }] }),

  /** Records yes, no or maybe for the session in data; the outcome is the answer, for the thanks. */
  answer_session: (ctx) => {
    const answer = ctx.data.rsvp;
    if (answer !== 'yes' && answer !== 'no' && answer !== 'maybe') throw new FlowDefinitionError(`answer_session without an answer (${String(answer)})`);
    // The session may have been cancelled, or have started, since the question was asked.
    return { outcome: answer, effects: [{ type: 'answer_session', sessionId: requireSession(ctx).id, answer }] };
  },

  /** Consent to the privacy notice for taking part, without volunteer registration. */
  give_consent: (ctx) => ({ effects: [{ type: 'give_consent', noticeVersion: ctx.settings.privacyNoticeVersion, givenAt: ctx.now.toISOString() }] }),

  /** Looks for published ideas like the draft; `some` when there are any to offer instead. */
  find_similar_ideas: (ctx) => {
    const draft = { title: String(ctx.data.title ?? ''), body: String(ctx.data.body ?? '') };
    const similar = findSimilarIdeas(draft, ctx.participation.ideaBoard().published);
    return similar.length > 0 ? { outcome: 'some', data: { similar_ids: similar.map((i) => i.id).join(',') } } : { outcome: 'none', data: { similar_ids: undefined } };
  },

  forget_idea_draft: () => ({ data: { title: undefined, body: undefined, similar_ids: undefined } }),

  submit_idea: (ctx) => {
    const call = ctx.participation.ideaBoard().openCall;
    const { title, body } = ctx.data;
    if (!call || typeof title !== 'string' || typeof body !== 'string') throw new FlowDefinitionError('submitting an idea without an open call or a draft');
    return { effects: [{ type: 'submit_idea', callId: call.id, title, body, neighbourhood: draftNeighbourhood(ctx) }] };
  },

  first_idea_page: () => ({ data: { page: 0 } }),

  /** The next page, or the first again after the last. */
  next_idea_page: (ctx) => {
    return { data: { page: nextPage(currentPage(ctx)) } };
  },

  /** Supports the chosen idea once, while the call is open. */
  support_idea: (ctx) => {
    const idea = chosenIdea(ctx);
    if (!idea) return { outcome: 'gone' };
    if (!ctx.participation.ideaBoard().openCall) return { outcome: 'closed' };
    if (idea.supportedByMe) return { outcome: 'already' };
    return { outcome: 'supported', effects: [{ type: 'support_idea', ideaId: idea.id }] };
  },

  withdraw_idea_support: (ctx) => {
    const idea = chosenIdea(ctx);
    return idea?.supportedByMe ? { effects: [{ type: 'withdraw_idea_support', ideaId: idea.id }] } : {};
  },

  /** A consultation of a grouped invitation was answered or put off: the list no longer offers it, and the draft is gone. */
  invitation_handled: (ctx) => {
    const handled = [String(ctx.data.handled_ids ?? ''), String(ctx.data.consultation_id ?? '')].filter((id) => id !== '').join(',');
    return { data: { handled_ids: handled, consultation_id: undefined, ballot: undefined, q: undefined, p: undefined } };
  },

  /** Starts a fresh draft ballot at the first question. */
  begin_ballot: () => ({ data: { ballot: '{}', q: 0, p: 0, answer: undefined } }),

  next_question: (ctx) => ({ outcome: nextQuestionKind(ctx) }),

  record_answer: (ctx) => ({ data: recordAnswer(ctx) }),

  cast_ballot: (ctx) => ({ effects: [{ type: 'cast_ballot', consultationId: requireConsultation(ctx).id, answers: draftBallot(ctx) }] }),
};
