import type { InlineKeyboardMarkup } from 'telegraf/types';

/** Telegram's limit on a message's text, in characters once entities are parsed. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Escapes text for `parse_mode: 'HTML'`: every text we send is plain, and what people typed
 * (a first name) must never be read as markup.
 * NOTE: https://core.telegram.org/bots/api#html-style — only <, > and & need escaping.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The last index at which `text` may be cut at or before `limit`: a paragraph, a line, a space, or anywhere but inside a character. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at > 0) return at;
  }
  return /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
}

/**
 * Splits a text longer than Telegram's limit into messages, cutting at paragraph breaks first,
 * then line breaks, then spaces, so that no word (and no emoji) is cut in two.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const at = cutPoint(rest, limit);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/** Choices as an inline keyboard, one button a row (labels are sentences, not single words). */
export function inlineKeyboard(buttons: readonly { readonly id: string; readonly label: string }[]): InlineKeyboardMarkup {
  return { inline_keyboard: buttons.map((b) => [{ text: b.label, callback_data: b.id }]) };
}

/** The question as it reads once answered: its text, then the chosen answer, keyboard gone. */
export function answeredQuestion(question: string, chosen: string): string {
  return `${escapeHtml(question)}\n\n✅ <b>${escapeHtml(chosen)}</b>`;
}
