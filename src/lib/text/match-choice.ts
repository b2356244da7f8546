import { editDistance } from './edit-distance';
import { matchKey } from './normalize';

/** An option as the matcher sees it: its id and every way of writing it (labels in all languages, synonyms). */
export interface MatchableOption {
  readonly id: string;
  readonly labels: readonly string[];
}

/** The outcome of matching what someone typed against the options offered. */
export type ChoiceMatch =
  | { readonly kind: 'match'; readonly id: string }
  | { readonly kind: 'ambiguous'; readonly ids: readonly string[] }
  | { readonly kind: 'none' };

const NONE: ChoiceMatch = { kind: 'none' };

/** `3`, `3.`, `3)`, `n°3`, `#3`: a number picked from a numbered menu. */
const MENU_NUMBER = /^(?:n°|no\.?|#)?\s*(\d{1,3})\s*[.)]?$/i;

/**
 * How many typos a key of this length tolerates: none for very short words (where one typo makes
 * another word), one for short ones, two for longer ones, three for long names.
 */
function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 11) return 2;
  return 3;
}

function single(ids: ReadonlySet<string>): ChoiceMatch | null {
  if (ids.size === 1) return { kind: 'match', id: [...ids][0]! };
  if (ids.size > 1) return { kind: 'ambiguous', ids: [...ids] };
  return null;
}

/**
 * Finds which option a typed answer means, from the strictest reading to the loosest: its number
 * in the menu, an exact label, a label containing every word typed (or typed in full inside a
 * sentence), then a label within a few typos. A looser reading is tried only when the stricter
 * one found nothing; several options at the same level give `ambiguous`, never a guess.
 */
export function matchChoice(input: string, options: readonly MatchableOption[]): ChoiceMatch {
  const numbered = MENU_NUMBER.exec(input.trim());
  if (numbered) {
    const option = options[Number(numbered[1]) - 1];
    return option ? { kind: 'match', id: option.id } : NONE;
  }
  const typed = matchKey(input);
  if (typed === '') return NONE;
  const typedWords = typed.split(' ');
  const keyed = options.map((option) => ({
    id: option.id,
    keys: option.labels.map(matchKey).filter((key) => key !== ''),
  }));

  const exact = new Set(keyed.filter((o) => o.keys.includes(typed)).map((o) => o.id));
  const exactResult = single(exact);
  if (exactResult) return exactResult;

  const containing = new Set(
    keyed
      .filter((o) =>
        o.keys.some((key) => {
          const labelWords = key.split(' ');
          const typedInLabel = typedWords.every((w) => labelWords.includes(w));
          const labelInTyped = labelWords.every((w) => typedWords.includes(w));
          return typedInLabel || labelInTyped;
        }),
      )
      .map((o) => o.id),
  );
  const containingResult = single(containing);
  if (containingResult) return containingResult;

  let best = Number.POSITIVE_INFINITY;
  let bestIds = new Set<string>();
  for (const option of keyed) {
    for (const key of option.keys) {
      const allowance = typoAllowance(key.length);
      const distance = editDistance(typed, key, allowance);
      if (distance > allowance) continue;
      if (distance < best) {
        best = distance;
        bestIds = new Set([option.id]);
      } else if (distance === best) {
        bestIds.add(option.id);
      }
    }
  }
  return single(bestIds) ?? NONE;
}
