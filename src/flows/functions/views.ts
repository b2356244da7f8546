import { FINISHED_MESSAGE_RETENTION_DAYS } from '../../domain/retention';
import { formatLocalDateTime } from '../../lib/local-time';
import { formatPhoneNumber } from '../../lib/phone-number';
import { counted, text, type TextParam } from '../../domain/text';
import type { StepContext } from '../engine/flow-functions';
import { dataFromPerson, profileParams, reminderHere } from './profile-data';
import { actionsParams, consentHow } from './privacy-data';
import { requireSession, sessionParams, sessionTitle } from './session-data';
import { agentLiteral, chosenConsultation, chosenResults, consultationParams, invitedConsultations, questionParams, requireConsultation, resultLines, summaryLines } from './consultation-data';
import { GoneError } from '../engine/flow-errors';
import { callParams, currentPage, draftParams, ideaLimits, pageRange, requireIdea } from './idea-data';
import { literal } from '../../domain/text';
import { drawSeatLines, invitationView } from './draw-data';
import { cityAnswerLines, dataFromCityAnswers } from './city-questions';

/** Named views: parameters computed for a message from the flow data and the person. */
export const views: Readonly<Record<string, (ctx: StepContext) => Record<string, TextParam>>> = {
  city: (ctx) => ({ city: ctx.settings.city.name }),

  privacy_notice: (ctx) => ({ city: ctx.settings.city.name, version: ctx.settings.privacyNoticeVersion }),

  profile_summary: (ctx) => ({ lines: [text('profile:lines', profileParams(ctx.data, reminderHere(ctx), ctx.settings.city)), ...cityAnswerLines(ctx.data, ctx)] }),

  human_contact: (ctx) => ({ contact: ctx.settings.humanContact }),

  session_details: (ctx) => sessionParams(requireSession(ctx)),

  idea_call: callParams,
  idea_limits: ideaLimits,
  idea_draft: draftParams,

  idea_page: (ctx) => pageRange(currentPage(ctx)),

  idea_details: (ctx): Record<string, TextParam> => {
    const idea = requireIdea(ctx);
    const name = ctx.settings.city.neighbourhoods.find((n) => n.id === idea.neighbourhood)?.name;
    return {
      title: literal(idea.title),
      body: literal(idea.body),
      neighbourhood: name ? literal(name) : text('profile:neighbourhood.other'),
      count: idea.supporters,
      yours: idea.mine ? text('ideas:yours') : idea.supportedByMe ? text('ideas:you_support') : '',
    };
  },

  consultation_audience: (ctx) => {
    const consultation = chosenConsultation(ctx);
    return { audience: text(`consultations:audience.${consultation?.audience ?? 'registered'}`) };
  },

  consultation_intro: (ctx) => {
    const c = requireConsultation(ctx);
    return {
      ...consultationParams(c),
      questions: text('consultations:question_count', { count: c.questions.length }),
      answered: c.myBallot ? text('consultations:already_answered', { at: { dateTime: c.myBallot.castAt } }) : '',
    };
  },

  invitations: (ctx) => ({ count: invitedConsultations(ctx).length }),

  ballot_question: questionParams,
  ballot_summary: (ctx) => ({ lines: summaryLines(ctx) }),

  ballot_receipt: (ctx) => {
    const { title, until } = consultationParams(requireConsultation(ctx));
    return { title, until, at: { dateTime: ctx.now.toISOString() } };
  },

  consultation_results: (ctx): Record<string, TextParam> => {
    const results = chosenResults(ctx);
    if (!results) throw new GoneError(text('consultations:gone'));
    return { title: agentLiteral(results.title), count: results.ballots, lines: resultLines(results) };
  },

  draw_invitation: invitationView,
  my_draws: drawSeatLines,

  /** Everything stored about the person, in words (the MES DONNÉES / MY DATA answer). */
  my_data: (ctx) => {
    const person = ctx.person;
    const local = (iso: string) => formatLocalDateTime(iso, ctx.settings.city.timeZone);
    const profile = person.profile
      ? text('privacy:my_data.profile', {
          lines: [
            text('profile:lines', profileParams(dataFromPerson(person), reminderHere(ctx), ctx.settings.city)),
            ...cityAnswerLines(dataFromCityAnswers(person.otherAnswers ?? {}, ctx.settings.city), ctx),
          ],
        })
      : text('privacy:my_data.no_profile');
    return {
      messages: text('privacy:my_data.messages', { days: counted('days', FINISHED_MESSAGE_RETENTION_DAYS) }),
      answers: (() => {
        const answered = ctx.sessions.filter((s) => s.myAnswer !== null);
        return answered.length === 0
          ? [text('privacy:my_data.no_answers')]
          : answered.map((s) => text('privacy:my_data.answer', { title: sessionTitle(s), answer: text(`sessions:answer.${s.myAnswer}`) }));
      })(),
      since: person.cameFrom
        ? text('privacy:my_data.since_via', { date: local(person.createdAt), source: person.cameFrom })
        : local(person.createdAt),
      language: text(`common:language_name.${person.language ?? 'none'}`),
      status: text(`privacy:my_data.status.${person.volunteerStatus}`),
      profile,
      contacts: person.contacts.map((c) =>
        text(c.endToEndEncrypted ? 'privacy:my_data.contact_encrypted' : 'privacy:my_data.contact', {
          channel: text(`common:channel.${c.channel}`),
          address: c.channel === 'sms' ? formatPhoneNumber(c.address) : c.address,
        }),
      ),
      consents:
        person.consents.length === 0
          ? [text('privacy:my_data.no_consent')]
          : person.consents.map((c) =>
              text(c.withdrawnAt ? 'privacy:my_data.consent_withdrawn' : 'privacy:my_data.consent', {
                version: c.noticeVersion,
                given: local(c.givenAt),
                withdrawn: c.withdrawnAt ? local(c.withdrawnAt) : '',
                how: consentHow(c),
              }),
            ),
      ...actionsParams(ctx),
    };
  },
};
