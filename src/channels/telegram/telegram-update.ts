import type { Update } from 'telegraf/types';
import type { InboundMessage } from '../channel';

/** A question message whose button was pressed, so that it can be shown answered. */
export interface PressedQuestion {
  readonly chatId: number;
  readonly messageId: number;
  readonly text: string;
  readonly chosenLabel: string;
}

/** What an update from the Bot API means for Parlons. */
export type ParsedUpdate =
  | { readonly kind: 'message'; readonly inbound: InboundMessage }
  | { readonly kind: 'button'; readonly inbound: InboundMessage; readonly callbackQueryId: string; readonly question: PressedQuestion | null }
  /** Nothing to process; a button press still gets its spinner stopped. */
  | { readonly kind: 'ignored'; readonly callbackQueryId?: string };

/** `/start`, `/start payload`, `/start@SomeBot payload`. */
const START = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/;

function isPrivate(chat: { type: string }): boolean {
  return chat.type === 'private';
}

/**
 * Reads an update: text messages (any other message counts as an empty one, so that a sticker
 * gets a kind "I received no text"), button presses, and messages in groups (which the bot never
 * converses in). Messages from bots, channel posts and edits are ignored. `update_id` is the
 * inbound id: Telegram redelivers an update under the same id.
 */
export function parseUpdate(update: Update): ParsedUpdate {
  const externalId = String(update.update_id);
  if ('message' in update) {
    const message = update.message;
    if (message.from?.is_bot) return { kind: 'ignored' };
    const address = String(message.chat.id);
    if (!isPrivate(message.chat)) {
      // Nothing of what is written in a group is kept: not even the text.
      return { kind: 'message', inbound: { channel: 'telegram', address, externalId, text: '', inGroup: true } };
    }
    const text = 'text' in message ? message.text : 'caption' in message ? (message.caption ?? '') : '';
    const start = START.exec(text);
    const inbound: InboundMessage = start?.[1]
      ? { channel: 'telegram', address, externalId, text: '/start', deepLink: start[1] }
      : { channel: 'telegram', address, externalId, text };
    return { kind: 'message', inbound };
  }
  if ('callback_query' in update) {
    const query = update.callback_query;
    const message = query.message;
    const data = 'data' in query ? query.data : undefined;
    if (!message || data === undefined || query.from.is_bot) return { kind: 'ignored', callbackQueryId: query.id };
    const address = String(message.chat.id);
    if (!isPrivate(message.chat)) {
      return { kind: 'button', inbound: { channel: 'telegram', address, externalId, text: '', inGroup: true }, callbackQueryId: query.id, question: null };
    }
    const keyboard = 'reply_markup' in message ? message.reply_markup?.inline_keyboard : undefined;
    const pressed = keyboard?.flat().find((button) => 'callback_data' in button && button.callback_data === data);
    const question =
      'text' in message && pressed ? { chatId: message.chat.id, messageId: message.message_id, text: message.text, chosenLabel: pressed.text } : null;
    return { kind: 'button', inbound: { channel: 'telegram', address, externalId, text: '', choiceId: data }, callbackQueryId: query.id, question };
  }
  return { kind: 'ignored' };
}
