/** Longest inbound text we keep; longer input is cut (and is then too long for any field anyway). */
export const MAX_INBOUND_CHARS = 4096;

// Characters that show nothing: bidirectional overrides and isolates (they can disguise text
// shown to agents), zero-width spaces and marks, soft hyphens, Hangul fillers (U+3164 passes for
// a letter, blank)… — Unicode's default-ignorable code points. Kept: the zero-width non-joiner
// and joiner (U+200C, U+200D: Persian and Indic spellings, joined emoji), variation selectors
// and tags (emoji presentation, subdivision flags), Mongolian variation selectors (spelling).
// NOTE: https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point
const INVISIBLE_FORMATTING = /(?![\u200C\u200D\uFE00-\uFE0F\u180B-\u180D\u180F\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}])\p{Default_Ignorable_Code_Point}/gu;
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

/**
 * The length of a text as stored: its Unicode code points (after `cleanInput`'s normalisation).
 * Limits count this, not what is shown: a letter carrying 90 combining accents shows as one
 * character and stores 91.
 */
export function storedLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Whether the text holds a letter that shows (combining marks alone, or invisible fillers, are not letters). */
export function hasVisibleLetter(value: string): boolean {
  return /(?!\p{Default_Ignorable_Code_Point})\p{L}/u.test(value);
}
