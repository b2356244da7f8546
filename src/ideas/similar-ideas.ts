import { editDistance } from '../lib/text/edit-distance';
import { foldText } from '../lib/text/normalize';
import { newStemmer } from 'snowball-stemmers';
import { ALL_STOP_WORDS } from '../lib/text/stop-words';

/** An idea to compare with: any object with a title and a body. */
export interface ComparableIdea {
  readonly title: string;
  readonly body: string;
}

/** How alike two ideas must be (0–1) before one is suggested: enough shared meaningful words. */
export const SIMILARITY_THRESHOLD = 0.34;
/** Suggestions at most: a short list a phone screen or an SMS can show. */
export const SIMILAR_IDEAS_SHOWN = 3;
/** Titles count more than bodies: they say what the idea is. */
const TITLE_WEIGHT = 0.6;

/** Snowball's French stemmer: the ideas are written in the city's language. */
const french = newStemmer('french');

/**
 * A word's comparison form: its Snowball stem (French), folded, so that plurals, feminines and
 * conjugations meet (`pistes` and `piste` → `pist`, `sécurisées` and `sécuriser` → `securis`,
 * `journaux` → `journal`). Snowball reads accents: the word is stemmed before it is folded.
 */
export function stem(word: string): string {
  return foldText(french.stem(word.toLowerCase()));
}

/** The meaningful words of a text, in comparison form, without repeats. */
export function meaningfulWords(text: string): string[] {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => {
      const folded = foldText(w);
      return folded.length > 1 && !ALL_STOP_WORDS.has(folded) && !/^\d+$/.test(folded);
    });
  return [...new Set(words.map(stem))];
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // A typo in a long word (`cyclabe`, `trotoir`) still counts; short words must match exactly.
  return Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1;
}

/** Words of two sets that meet, a word meeting its near-typo in the other set (counted once). */
function sharedWords(a: readonly string[], b: readonly string[]): number {
  // Counted from both sides and the smaller kept, so a word and its typo in one text count once.
  return Math.min(a.filter((w) => b.some((v) => sameWord(w, v))).length, b.filter((v) => a.some((w) => sameWord(w, v))).length);
}

/** Dice coefficient over two word sets. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * sharedWords(a, b)) / (a.length + b.length);
}

/**
 * How alike two ideas are, 0 (nothing in common) to 1; word order, case, accents and word forms
 * do not matter. One word in common is no evidence of the same idea ("des bus le dimanche", "un
 * marché le dimanche"): two are needed, unless an idea says only one thing.
 */
export function ideaSimilarity(a: ComparableIdea, b: ComparableIdea): number {
  const wordsA = meaningfulWords(`${a.title} ${a.body}`);
  const wordsB = meaningfulWords(`${b.title} ${b.body}`);
  if (sharedWords(wordsA, wordsB) < Math.min(2, wordsA.length, wordsB.length)) return 0;
  const titles = dice(meaningfulWords(a.title), meaningfulWords(b.title));
  return TITLE_WEIGHT * titles + (1 - TITLE_WEIGHT) * dice(wordsA, wordsB);
}

/** The published ideas most like `idea`, most alike first, at most three, above the threshold. */
export function findSimilarIdeas<T extends ComparableIdea>(idea: ComparableIdea, candidates: readonly T[], limit = SIMILAR_IDEAS_SHOWN): T[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: ideaSimilarity(idea, candidate) }))
    .filter((s) => s.score >= SIMILARITY_THRESHOLD)
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .slice(0, limit)
    .map((s) => s.candidate);
}
