import { CONSENT_REFERENCE_MAX, type SupportedPerson } from '../../domain/mediation';
import { personLabel } from '../../domain/person-label';
import { isLanguage } from '../../domain/language';
import { counted, literal, text, type TextParam } from '../../domain/text';
import { storedLength } from '../../lib/text/clean-input';
import { foldText } from '../../lib/text/normalize';
import type { ChoiceOption } from '../engine/flow-definition';
import type { ActionResult, RuleResult, StepContext } from '../engine/flow-functions';
import { FlowDefinitionError, GoneError } from '../engine/flow-errors';
import { profileFromData, profileParams, smsNumberFromData } from './profile-data';
import { cityAnswerLines, cityAnswersFromData } from './city-questions';

/** People listed at once; beyond, the mediator searches by name or neighbourhood. */
export const PEOPLE_SHOWN = 8;
/** Longest search a mediator types. */
const SEARCH_MAX = 40;

/** Whether every word of the search starts a word of the person's first name or neighbourhood (any of its names). */
function matches(person: SupportedPerson, words: readonly string[], ctx: StepContext): boolean {
  const neighbourhood = ctx.settings.city.neighbourhoods.find((n) => n.id === person.neighbourhood);
  const haystack = foldText([person.firstName ?? '', person.neighbourhood ?? '', neighbourhood?.name ?? '', ...(neighbourhood?.aliases ?? [])].join(' ')).split(' ');
  return words.every((word) => haystack.some((candidate) => candidate.startsWith(word)));
}

/** The supported people the current search (`data.search`, empty for all) finds. */
export function searchResults(ctx: StepContext): readonly SupportedPerson[] {
  const words = foldText(String(ctx.data.search ?? '')).split(' ').filter((w) => w !== '');
  return ctx.staff.supportedPeople().filter((person) => matches(person, words, ctx));
}

/** Named conditions of the mediation desk. */
export const mediationConditions: Readonly<Record<string, (ctx: StepContext) => boolean>> = {
  supports_anyone: (ctx) => ctx.staff.supportedPeople().length > 0,
  /** Too many people to list at once: search first. */
  supports_many: (ctx) => ctx.staff.supportedPeople().length > PEOPLE_SHOWN,
};

/** Named views of the mediation desk. */
export const mediationViews: Readonly<Record<string, (ctx: StepContext) => Record<string, TextParam>>> = {
  mediation_desk: (ctx) => ({ count: ctx.staff.supportedPeople().length }),
  person_search: (ctx) => {
    const found = searchResults(ctx).length;
    const search = String(ctx.data.search ?? '');
    return {
      count: found,
      search,
      found: search === '' ? text('mediation:search.all', { count: found }) : text('mediation:search.found', { count: found, search }),
    };
  },
  /** How the consent was collected, and the profile as it will be saved. */
  consent_method: (ctx) => ({ method: text(`mediation:register.method.${String(ctx.data.consent_method)}`) }),
  mediated_summary: (ctx) => ({
    method: text(`mediation:register.method.${String(ctx.data.consent_method)}`),
    reference: literal(String(ctx.data.consent_reference ?? '')),
    lines: [text('profile:lines', profileParams(ctx.data, 'mediator', ctx.settings.city)), ...cityAnswerLines(ctx.data, ctx)],
    name: literal(String(ctx.data.first_name ?? '')),
  }),
};

/** Named providers of the mediation desk. */
export const mediationProviders: Readonly<Record<string, (ctx: StepContext) => readonly ChoiceOption[]>> = {
  /** The people found (at most PEOPLE_SHOWN), then "search again", then the desk. */
  supported_people: (ctx) => [
    ...searchResults(ctx)
      .slice(0, PEOPLE_SHOWN)
      .map((person) => ({ id: String(person.id), label: personLabel(person, ctx.settings.city), aliases: person.firstName ? [person.firstName] : [] })),
    { id: 'search', label: text('mediation:search.again') },
    { id: 'desk', label: text('mediation:back_to_desk') },
  ],
};

/** Named rules of the mediation desk. */
export const mediationRules: Readonly<Record<string, (input: string, ctx: StepContext) => RuleResult>> = {
  /** A name or neighbourhood to look for; `*` lists everyone. */
  person_search: (input) => {
    if (input === '') return { ok: false, problem: text('mediation:search.empty') };
    if (storedLength(input) > SEARCH_MAX) return { ok: false, problem: text('mediation:search.too_long', { max: counted('characters', SEARCH_MAX) }) };
    return { ok: true, value: input === '*' ? '' : input };
  },
  /** Where the consent can be found again: a form number, or when and where it was given orally. */
  consent_reference: (input) => {
    if (input === '' || !/[\p{L}\p{N}]/u.test(input)) return { ok: false, problem: text('mediation:register.reference_empty') };
    const length = storedLength(input);
    if (length > CONSENT_REFERENCE_MAX) return { ok: false, problem: text('mediation:register.reference_too_long', { max: counted('characters', CONSENT_REFERENCE_MAX), length: counted('characters', length) }) };
    return { ok: true, value: input };
  },
};

/** Named actions of the mediation desk. */
export const mediationActions: Readonly<Record<string, (ctx: StepContext) => ActionResult>> = {
  list_everyone: () => ({ data: { search: '' } }),

  /**
   * Acting for the person chosen, who may have been erased (or no longer supported) since the
   * list was shown; the store checks again when it applies the effect.
   */
  start_acting: (ctx) => {
    const personId = Number(ctx.data.person_id);
    if (!ctx.staff.supportedPeople().some((p) => p.id === personId)) throw new GoneError(text('mediation:not_supported'));
    return { effects: [{ type: 'start_acting', personId }] };
  },

  /** Marks the profile as filled for someone else, and remembers which notice the person accepted, and when. */
  record_mediated_consent: (ctx) => ({
    data: { mediated: true, consent_version: ctx.settings.privacyNoticeVersion, consent_at: ctx.now.toISOString() },
  }),

  register_mediated_person: (ctx) => {
    const { consent_method: method, consent_reference: reference, consent_version: noticeVersion, consent_at: givenAt } = ctx.data;
    const profile = profileFromData(ctx.data);
    if ((method !== 'paper' && method !== 'oral') || typeof reference !== 'string' || typeof noticeVersion !== 'string' || typeof givenAt !== 'string' || !profile) {
      throw new FlowDefinitionError('registering a person without their consent or profile');
    }
    const language = isLanguage(ctx.person.language) ? ctx.person.language : ctx.settings.defaultLanguage;
    return {
      effects: [
        {
          type: 'register_mediated_person',
          profile,
          phoneNumber: smsNumberFromData(ctx.data, 'mediator'),
          language,
          consent: { method, reference, noticeVersion, givenAt },
          otherAnswers: cityAnswersFromData(ctx.data, ctx.settings.city),
        },
      ],
    };
  },
};
