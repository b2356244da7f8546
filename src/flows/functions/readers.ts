import { text } from '../../domain/text';
import { foldText } from '../../lib/text/normalize';
import type { ChoiceOption } from '../engine/flow-definition';
import type { ChoiceReader, ReaderResult } from '../engine/flow-functions';

/** The oldest age anyone types; a larger number is not an age. */
const OLDEST = 120;

/** The ages an age-bracket option covers, from its id (`50_64`, `80_plus`). */
function bracketRange(option: ChoiceOption): { from: number; to: number } | null {
  const match = /^(\d+)_(\d+|plus)$/.exec(option.id);
  if (!match) return null;
  return { from: Number(match[1]), to: match[2] === 'plus' ? OLDEST : Number(match[2]) };
}

/** The options covering these ages: one is a match, two are asked about (a year of birth near a bracket's edge). */
function bracketsOf(ages: readonly number[], options: readonly ChoiceOption[]): ReaderResult {
  const youngest = Math.min(...options.map((o) => bracketRange(o)?.from ?? Number.POSITIVE_INFINITY));
  if (ages.every((age) => age < youngest)) return { kind: 'problem', problem: text('profile:age_bracket.too_young', { min: youngest }) };
  const ids = options.filter((o) => ages.some((age) => {
    const range = bracketRange(o);
    return range !== null && age >= range.from && age <= range.to;
  })).map((o) => o.id);
  if (ids.length === 1) return { kind: 'match', id: ids[0]! };
  return ids.length > 1 ? { kind: 'ambiguous', ids } : { kind: 'none' };
}

/**
 * People type their age, not a bracket's number: "67", "67 ans", "j'ai 67 ans", or a year of
 * birth ("1958", "née en 1958"). An age gives its bracket; a year gives the bracket of both ages
 * it may mean this year, and asks which when they differ. A number as small as the menu's is
 * the menu's (`3` is the third bracket), unless "ans" follows it.
 */
export const ageBracketReader: ChoiceReader = (input, options, ctx) => {
  const folded = foldText(input);
  const year = /(?:^|\D)(1[89]\d\d|20\d\d)(?:\D|$)/.exec(folded);
  const thisYear = ctx.now.getUTCFullYear();
  if (year) {
    const born = Number(year[1]);
    if (born > thisYear) return null;
    // Before or after this year's birthday.
    return bracketsOf([thisYear - born - 1, thisYear - born], options);
  }
  const age = /(?:^|\D)(\d{1,3})(?:\s*(ans?|years?|yrs?))?(?:\D|$)/.exec(folded);
  if (!age) return null;
  const n = Number(age[1]);
  const saysYears = age[2] !== undefined;
  if (n > OLDEST || (!saysYears && n <= options.length)) return null;
  return bracketsOf([n], options);
};

/** Named readers: typed answers that no option's label says. */
export const readers: Readonly<Record<string, ChoiceReader>> = {
  age_bracket: ageBracketReader,
};
