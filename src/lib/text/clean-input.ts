/** Longest inbound text we keep; longer input is cut (and is then too long for any field anyway). */
export const MAX_INBOUND_CHARS = 4096;

// Bidirectional overrides and isolates can disguise text shown to agents; zero-width spaces and
// marks hide inside names. Ordinary right-to-left letters are kept, and so are the zero-width
// joiner and non-joiner (U+200C, U+200D): Persian and Indic spellings and joined emoji need them.
const INVISIBLE_FORMATTING = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Cuts to `max` UTF-16 units without leaving half of a character (a lone surrogate) at the end. */
function cap(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  const cut = raw.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Makes inbound text safe to compare and store: no control or invisible formatting characters,
 * then Unicode NFC (after the removal, so that a letter and its accent once separated by an
 * invisible character are composed), white space runs folded to one space, ends trimmed,
 * length capped.
 */
export function cleanInput(raw: string): string {
  return cap(raw, MAX_INBOUND_CHARS)
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(INVISIBLE_FORMATTING, '')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Counts what a person sees as characters (an emoji with modifiers counts once). */
export function countGraphemes(value: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)) count++;
  return count;
}
