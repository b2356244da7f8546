import { counted, text } from '../../domain/text';
import { hasVisibleLetter, storedLength } from '../../lib/text/clean-input';
import { toE164 } from '../../lib/phone-number';
import type { CountryCode } from 'libphonenumber-js/min';
import type { RuleResult, StepContext } from '../engine/flow-functions';
import { IDEA_BODY_MAX, IDEA_BODY_MIN, IDEA_TITLE_MAX, IDEA_TITLE_MIN } from '../../domain/idea';
import { readComment, readSeveralChoices } from './consultation-data';
import { lengthRule } from './idea-data';

/** Longest first name or pseudonym, in characters as stored (see storedLength). */
export const FIRST_NAME_MAX = 40;

/** Named rules that check typed answers. Input arrives already cleaned (see `cleanInput`). */
export const rules: Readonly<Record<string, (input: string, ctx: StepContext) => RuleResult>> = {
  /**
   * A first name or pseudonym: some visible letters, at most 40 characters as stored; any
   * script, accents, hyphens. Invisible fillers are gone already (cleanInput).
   */
  first_name: (input) => {
    if (input === '') return { ok: false, problem: text('profile:first_name.empty') };
    const length = storedLength(input);
    if (length > FIRST_NAME_MAX) return { ok: false, problem: text('profile:first_name.too_long', { max: counted('characters', FIRST_NAME_MAX), length: counted('characters', length) }) };
    if (!hasVisibleLetter(input)) return { ok: false, problem: text('profile:first_name.no_letters') };
    return { ok: true, value: input };
  },

  /** A phone number, national or international, stored in E.164. */
  phone_number: (input, ctx) => {
    const e164 = toE164(input, ctx.settings.city.country as CountryCode);
    return e164 ? { ok: true, value: e164 } : { ok: false, problem: text('profile:phone_number.invalid') };
  },

  idea_title: (input) => lengthRule(input, IDEA_TITLE_MIN, IDEA_TITLE_MAX, { short: 'ideas:title_too_short', long: 'ideas:title_too_long' }),
  idea_body: (input) => lengthRule(input, IDEA_BODY_MIN, IDEA_BODY_MAX, { short: 'ideas:body_too_short', long: 'ideas:body_too_long' }),
  several_choices: readSeveralChoices,
  ballot_comment: readComment,
};
