import { text } from '../../domain/text';
import { countGraphemes } from '../../lib/text/clean-input';
import { toE164 } from '../../lib/phone-number';
import type { CountryCode } from 'libphonenumber-js/min';
import type { RuleResult, StepContext } from '../engine/flow-functions';

/** Longest first name or pseudonym, in characters as people count them. */
export const FIRST_NAME_MAX = 40;

/** Named rules that check typed answers. Input arrives already cleaned (see `cleanInput`). */
export const rules: Readonly<Record<string, (input: string, ctx: StepContext) => RuleResult>> = {
  /** A first name or pseudonym: some letters, at most 40 characters; any script, accents, hyphens. */
  first_name: (input) => {
    if (input === '') return { ok: false, problem: text('profile:first_name.empty') };
    const length = countGraphemes(input);
    if (length > FIRST_NAME_MAX) return { ok: false, problem: text('profile:first_name.too_long', { max: FIRST_NAME_MAX, length }) };
    if (!/\p{L}/u.test(input)) return { ok: false, problem: text('profile:first_name.no_letters') };
    return { ok: true, value: input };
  },

  /** A phone number, national or international, stored in E.164. */
  phone_number: (input, ctx) => {
    const e164 = toE164(input, ctx.settings.city.country as CountryCode);
    return e164 ? { ok: true, value: e164 } : { ok: false, problem: text('profile:phone_number.invalid') };
  },
};
