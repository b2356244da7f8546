/**
 * Loose text comparison for people typing on phones: case, accents, punctuation, articles,
 * plurals and number words do not matter. `3 cites`, `Trois cités` and `les trois-cites` all
 * give the same key.
 */

const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * Number words people type instead of digits, in the languages we speak. Not "un" and "une":
 * they are far more often articles ("un vieux portable") than the number one.
 */
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: '1', premier: '1', premiere: '1', first: '1',
  deux: '2', two: '2', trois: '3', three: '3', quatre: '4', four: '4',
  cinq: '5', five: '5', six: '6', sept: '7', seven: '7', huit: '8', eight: '8',
  neuf: '9', nine: '9', dix: '10', ten: '10',
};

/** Words that carry no meaning when matching a label (articles, mostly). */
const STOP_WORDS = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'de', 'des', 'du', 'd', 'the', 'a', 'an', 'of']);

/**
 * Lower case, accents and ligatures removed, every run of non-letters and non-digits turned into
 * one space. Letters of any script are kept, so Arabic or Cyrillic input still compares.
 */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The comparison key of a label or an answer: folded, number words as digits, articles dropped,
 * a plural `s` or `x` dropped from longer words.
 */
export function matchKey(input: string): string {
  return foldText(input)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map((word) => NUMBER_WORDS[word] ?? (word.length > 3 ? word.replace(/[sx]$/, '') : word))
    .join(' ');
}
