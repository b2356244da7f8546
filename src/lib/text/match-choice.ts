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

/** Label keys already worked out: most labels are the same few hundred texts, matched at every answer. */
const labelKeys = new Map<string, string>();
/** Labels from agents' data (idea titles, proposals) vary: the memory is emptied past this many. */
const LABEL_KEYS_KEPT = 10_000;

/** The comparison key of an option's label, worked out once. */
function labelKey(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    if (labelKeys.size >= LABEL_KEYS_KEPT) labelKeys.clear();
    key = matchKey(label);
    labelKeys.set(label, key);
  }
  return key;
}

/** The text with each run of one letter written once: "ouiii" is "oui", "nonn" is "non". */
function unstretched(text: string): string {
  return text.replace(/(\p{L})\1+/gu, '$1');
}

/** Whether `input` is a number picked from a numbered menu (`3`, `3.`, `n°3`). */
export function isMenuNumber(input: string): boolean {
  return MENU_NUMBER.test(input.trim());
}

/** Words of a label shorter than this must be typed exactly inside a sentence: one typo makes another word. */
const FUZZY_WORD_MIN = 5;

/** Whether a label's word appears in what was typed: exactly, or within one typo for a longer word. */
function wordFound(labelWord: string, typedWords: readonly string[], fuzzy: boolean): boolean {
  if (typedWords.includes(labelWord)) return true;
  return fuzzy && labelWord.length >= FUZZY_WORD_MIN && typedWords.some((w) => editDistance(w, labelWord, 1) <= 1);
}

/**
 * Options whose label holds every word typed, or whose every word is in the answer (a sentence
 * around the label). An option whose words found are a strict part of another's is dropped: "un
 * portable à touches" is the option that says "portable à touches", not the one that says
 * "portable".
 */
function containing(keyed: readonly { id: string; keys: readonly string[] }[], typedWords: readonly string[]): Set<string> {
  const found = new Map<string, Set<string>>();
  for (const option of keyed) {
    for (const key of option.keys) {
      const labelWords = key.split(' ');
      const covered = typedWords.every((w) => labelWords.includes(w))
        ? new Set(typedWords)
        : labelWords.every((w) => wordFound(w, typedWords, false))
          ? new Set(labelWords)
          : null;
      const best = found.get(option.id);
      if (covered && (!best || covered.size > best.size)) found.set(option.id, covered);
    }
  }
  const within = (a: Set<string>, b: Set<string>) => a.size < b.size && [...a].every((w) => b.has(w));
  return new Set([...found].filter(([, words]) => ![...found.values()].some((other) => within(words, other))).map(([id]) => id));
}

/**
 * Options the answer reads as with typos: the whole label within a few typos (the closest ones),
 * or every word of a label found in a sentence, a longer word within one typo.
 */
function withTypos(keyed: readonly { id: string; keys: readonly string[] }[], typed: string, typedWords: readonly string[]): Set<string> {
  let best = Number.POSITIVE_INFINITY;
  let closest = new Set<string>();
  const inSentence = new Set<string>();
  for (const option of keyed) {
    for (const key of option.keys) {
      const allowance = typoAllowance(key.length);
      const distance = editDistance(typed, key, allowance);
      if (distance <= allowance && distance < best) {
        best = distance;
        closest = new Set([option.id]);
      } else if (distance <= allowance && distance === best) {
        closest.add(option.id);
      }
      // Labels found word for word are `containing`'s to weigh; here, only those found through a typo.
      const words = key.split(' ');
      if (words.every((w) => wordFound(w, typedWords, true)) && !words.every((w) => wordFound(w, typedWords, false))) inSentence.add(option.id);
    }
  }
  return new Set([...closest, ...inSentence]);
}

/**
 * Finds which option a typed answer means: its number in the menu, else an exact label, else
 * every option the answer is close to — a label it contains or is contained in, and labels
 * within a few typos. One option is a match; several are `ambiguous`, and the person is asked
 * which ("asez bien": Assez bien, or Bien?): close options are never decided by a guess.
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
    keys: option.labels.map(labelKey).filter((key) => key !== ''),
  }));

  const exact = single(new Set(keyed.filter((o) => o.keys.includes(typed)).map((o) => o.id)));
  if (exact) return exact;
  // A letter held down or typed twice ("ouii", "okkk") is not a typo that makes another word: it
  // reads as the label once the run is written once. Short words tolerate no other typo.
  const held = unstretched(typed);
  const stretched = held === typed ? null : single(new Set(keyed.filter((o) => o.keys.includes(held)).map((o) => o.id)));
  if (stretched) return stretched;
  const close = new Set([...containing(keyed, typedWords), ...withTypos(keyed, typed, typedWords)]);
  // In the order of the menu, so that "did you mean…" lists them as the question did.
  return single(new Set(keyed.map((o) => o.id).filter((id) => close.has(id)))) ?? NONE;
}
