import { parseAudience } from '../../broadcasts/audience';
import { audienceWords } from '../../broadcasts/audience-words';
import { BROADCAST_TEXT_MAX, BROADCAST_TEXT_MIN, noticeSmsCost } from '../../broadcasts/notice-text';
import type { AudienceFilter } from '../../domain/audience';
import type { AudiencePlan } from '../../domain/agent-desk';
import type { AgentEffect } from '../../domain/agent-effect';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import { GRANTABLE_ROLES } from '../../domain/role';
import { counted, literal, text, type Text, type TextParam } from '../../domain/text';
import { shorten } from '../../lib/text/shorten';
import type { ChoiceOption } from '../engine/flow-definition';
import { FlowDefinitionError } from '../engine/flow-errors';
import type { FlowFunctions, StepContext } from '../engine/flow-functions';
import { lengthRule } from './idea-data';
import { sessionTitle } from './session-data';

/** Characters of the notice repeated before confirming: the agent just wrote it. */
const PREVIEW_MAX = 80;

/**
 * Audience options that need a value chosen next, with the prefix of the CLI's audience spec
 * (`parlons broadcast --audience neighbourhood:trois_cites`): the desk and the CLI read audiences
 * the same way, with `parseAudience`.
 */
const SPEC_PREFIX: Readonly<Record<string, string>> = { neighbourhood: 'neighbourhood', language: 'language', said_yes: 'said-yes', role: 'role' };

/** The chosen audience (`data.audience`, a CLI spec) as filters; set by `choose_audience`. */
export function chosenAudience(ctx: StepContext): AudienceFilter[] {
  const filters = parseAudience([String(ctx.data.audience ?? '')], ctx.settings.city);
  if (!Array.isArray(filters)) throw new FlowDefinitionError(`unreadable audience ${String(ctx.data.audience)}`);
  return filters;
}

/** The notice in each language written so far (`data.texts`, JSON). */
export function draftTexts(ctx: StepContext): Partial<Record<Language, string>> {
  return typeof ctx.data.texts === 'string' ? (JSON.parse(ctx.data.texts) as Partial<Record<Language, string>>) : {};
}

/** The language being written (`data.text_language`): the default language first. */
function writingLanguage(ctx: StepContext): Language {
  return isLanguage(ctx.data.text_language) ? ctx.data.text_language : ctx.settings.defaultLanguage;
}

const languageName = (language: Language): Text => text(`common:language_name.${language}`);

/** How many people, on which channel, most first: one line per channel. */
function channelLines(plan: AudiencePlan): Text[] {
  const lines = Object.entries(plan.byChannel)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([channel, count]) => text('agent:broadcast.channel_line', { channel: text(`common:channel.${channel}`), count }));
  return plan.viaMediators > 0 ? [...lines, text('agent:broadcast.via_mediators_line', { count: plan.viaMediators })] : lines;
}

/** The named functions of the broadcast part of the agent desk. */
export const broadcastFunctions: Partial<FlowFunctions> = {
  conditions: {
    /** A language has no version yet: the agent may add one. */
    broadcast_may_translate: (ctx) => SUPPORTED_LANGUAGES.some((language) => draftTexts(ctx)[language] === undefined),
    broadcast_reaches_anyone: (ctx) => {
      const plan = ctx.staff.audiencePlan(chosenAudience(ctx));
      return plan.total + plan.viaMediators > 0;
    },
  },

  views: {
    /** The language to write in, and the limit. */
    broadcast_writing: (ctx) => ({ language: languageName(writingLanguage(ctx)), max: counted('characters', BROADCAST_TEXT_MAX) }),
    /** What the notice costs by SMS so far. */
    broadcast_draft: (ctx) => ({ sms: noticeSmsCost(draftTexts(ctx)), language: languageName(ctx.settings.defaultLanguage) }),
    /** Who will receive the notice, how many on which channel, and what it says. */
    broadcast_plan: (ctx): Record<string, TextParam> => {
      const audience = chosenAudience(ctx);
      const plan = ctx.staff.audiencePlan(audience);
      const texts = draftTexts(ctx);
      return {
        recipients: audience.map((filter) =>
          audienceWords(filter, ctx.settings.city, (id) => ctx.sessions.find((s) => s.id === id), (session) => sessionTitle({ ...session, myAnswer: null })),
        ),
        count: plan.total + plan.viaMediators,
        channels: channelLines(plan),
        sms: noticeSmsCost(texts),
        preview: literal(shorten(texts[ctx.settings.defaultLanguage] ?? '', PREVIEW_MAX)),
      };
    },
  },

  providers: {
    broadcast_languages: () => SUPPORTED_LANGUAGES.map((language) => ({ id: language, label: languageName(language) })),
    /** Upcoming sessions, to reach the people who said yes to one. */
    broadcast_sessions: (ctx) =>
      ctx.sessions.map((session): ChoiceOption => ({ id: String(session.id), label: text('agent:session_item', { title: sessionTitle(session), when: { dateTime: session.startsAt } }) })),
    broadcast_roles: () => GRANTABLE_ROLES.map((role) => ({ id: role, label: text(`agent:role.${role}`) })),
    /** Languages without a version yet, then "send it as it is". */
    broadcast_translations: (ctx) => [
      ...SUPPORTED_LANGUAGES.filter((language) => draftTexts(ctx)[language] === undefined).map((language) => ({ id: language, label: languageName(language) })),
      { id: 'done', label: text('agent:broadcast.no_translation') },
    ],
  },

  rules: {
    broadcast_text: (input) =>
      lengthRule(input, BROADCAST_TEXT_MIN, BROADCAST_TEXT_MAX, { empty: 'agent:broadcast.text_empty', short: 'agent:broadcast.text_too_short', long: 'agent:broadcast.text_too_long' }),
  },

  actions: {
    /** Turns the options chosen into the CLI's audience spec, checked, and starts the texts in the default language. */
    choose_audience: (ctx) => {
      const kind = String(ctx.data.audience_kind ?? '');
      const prefix = SPEC_PREFIX[kind];
      const audience = prefix === undefined ? kind : `${prefix}:${String(ctx.data.audience_value ?? '')}`;
      if (!Array.isArray(parseAudience([audience], ctx.settings.city))) throw new FlowDefinitionError(`the desk offered an unknown audience ${audience}`);
      return { data: { audience, audience_kind: undefined, audience_value: undefined, texts: '{}', text_language: undefined } };
    },
    /** Keeps the text just written as the version in the language being written. */
    keep_broadcast_text: (ctx) => ({
      data: { texts: JSON.stringify({ ...draftTexts(ctx), [writingLanguage(ctx)]: String(ctx.data.draft ?? '') }), draft: undefined, text_language: undefined },
    }),
    send_broadcast: (ctx) => {
      const texts = draftTexts(ctx);
      if (texts[ctx.settings.defaultLanguage] === undefined) throw new FlowDefinitionError('sending a notice without its default-language text');
      const effect: AgentEffect = { type: 'send_broadcast', audience: chosenAudience(ctx), texts };
      return { effects: [effect] };
    },
  },
};
