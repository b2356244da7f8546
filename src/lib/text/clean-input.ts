/** Longest inbound text we keep; longer input is cut (and is then too long for any field anyway). */
export const MAX_INBOUND_CHARS = 4096;

// Bidirectional overrides and isolates can disguise text shown to agents; zero-width characters
// hide inside names. Ordinary right-to-left letters are kept.
const INVISIBLE_FORMATTING = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Makes inbound text safe to compare and store: Unicode NFC, no control or invisible formatting
 * characters, white space runs folded to one space, ends trimmed, length capped.
 */
export function cleanInput(raw: string): string {
  return raw
    .slice(0, MAX_INBOUND_CHARS)
    .normalize('NFC')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(INVISIBLE_FORMATTING, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Counts what a person sees as characters (an emoji with modifiers counts once). */
export function countGraphemes(value: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)) count++;
  return count;
}
