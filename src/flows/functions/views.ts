import { FINISHED_MESSAGE_RETENTION_DAYS } from '../../domain/retention';
import { formatLocalDateTime } from '../../lib/local-time';
import { formatPhoneNumber } from '../../lib/phone-number';
import { text, type TextParam } from '../../domain/text';
import type { StepContext } from '../engine/flow-functions';
import { dataFromPerson, profileParams } from './profile-data';
import { chosenSession, sessionParams, sessionTitle } from './session-data';

/** Named views: parameters computed for a message from the flow data and the person. */
export const views: Readonly<Record<string, (ctx: StepContext) => Record<string, TextParam>>> = {
  city: (ctx) => ({ city: ctx.settings.city.name }),

  privacy_notice: (ctx) => ({ city: ctx.settings.city.name, version: ctx.settings.privacyNoticeVersion }),

  profile_summary: (ctx) => ({ lines: text('profile:lines', profileParams(ctx.data, ctx.contact, ctx.settings.city)) }),

  human_contact: (ctx) => ({ contact: ctx.settings.humanContact }),

  session_details: (ctx) => {
    const session = chosenSession(ctx);
    // The flow branches on session_still_planned first; this is only a guard.
    return session ? sessionParams(session, ctx) : {};
  },

  /** Everything stored about the person, in words (the MES DONNÉES / MY DATA answer). */
  my_data: (ctx) => {
    const person = ctx.person;
    const local = (iso: string) => formatLocalDateTime(iso, ctx.settings.city.timeZone);
    const profile = person.profile
      ? text('privacy:my_data.profile', { lines: text('profile:lines', profileParams(dataFromPerson(person), ctx.contact, ctx.settings.city)) })
      : text('privacy:my_data.no_profile');
    return {
      messages: text('privacy:my_data.messages', { days: FINISHED_MESSAGE_RETENTION_DAYS }),
      answers: (() => {
        const answered = ctx.sessions.filter((s) => s.myAnswer !== null);
        return answered.length === 0
          ? [text('privacy:my_data.no_answers')]
          : answered.map((s) => text('privacy:my_data.answer', { title: sessionTitle(s, ctx), answer: text(`sessions:answer.${s.myAnswer}`) }));
      })(),
      since: person.cameFrom
        ? text('privacy:my_data.since_via', { date: local(person.createdAt), source: person.cameFrom })
        : local(person.createdAt),
      language: text(`common:language_name.${person.language ?? 'none'}`),
      status: text(`privacy:my_data.status.${person.volunteerStatus}`),
      profile,
      contacts: person.contacts.map((c) =>
        text('privacy:my_data.contact', {
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
              }),
            ),
    };
  },
};
