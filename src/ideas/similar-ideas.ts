import { editDistance } from '../lib/text/edit-distance';
import { foldText } from '../lib/text/normalize';
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

/**
 * A word's comparison form: folded, and reduced so that French plural and feminine forms meet
 * (`pistes` → `pist`, `sécurisée` → `securis`, `journaux` → `journal`). Crude next to a real
 * stemmer, but enough to catch the same idea written twice, which is all this is for.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  else if (w.length > 3 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
  // Feminine past participles (`fermée`) meet their masculine (`fermé`) once both lose their e's.
  if (w.length > 4 && w.endsWith('ee')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The meaningful words of a text, in comparison form, without repeats. */
export function meaningfulWords(text: string): string[] {
  const words = foldText(text)
    .split(' ')
    .filter((w) => w.length > 1 && !ALL_STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words.map(stem))];
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // A typo in a long word (`cyclabe`, `trotoir`) still counts; short words must match exactly.
  return Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1;
}

/** Dice coefficient over two word sets, a word matching its near-typo in the other set. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Counted from both sides and the smaller kept, so a word and its typo in one text count once.
  const shared = Math.min(a.filter((w) => b.some((v) => sameWord(w, v))).length, b.filter((v) => a.some((w) => sameWord(w, v))).length);
  return (2 * shared) / (a.length + b.length);
}

/** How alike two ideas are, 0 (nothing in common) to 1; word order, case and accents do not matter. */
export function ideaSimilarity(a: ComparableIdea, b: ComparableIdea): number {
  const titles = dice(meaningfulWords(a.title), meaningfulWords(b.title));
  const whole = dice(meaningfulWords(`${a.title} ${a.body}`), meaningfulWords(`${b.title} ${b.body}`));
  return TITLE_WEIGHT * titles + (1 - TITLE_WEIGHT) * whole;
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
