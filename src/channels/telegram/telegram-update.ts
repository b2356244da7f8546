import { z } from 'zod';
import type { InboundMessage } from '../channel';

const user = z.looseObject({ is_bot: z.boolean().optional() });
const message = z.looseObject({
  message_id: z.number(),
  chat: z.looseObject({ id: z.union([z.number(), z.string()]), type: z.string() }),
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))).optional() }).optional(),
});

/**
 * The parts of a Bot API update Parlons reads, checked: a webhook body comes from the network,
 * and a field of the wrong type must be refused, never crash the process.
 * NOTE: https://core.telegram.org/bots/api#update — other kinds of update pass through unread.
 */
const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: z.looseObject({ id: z.string(), from: user, data: z.string().optional(), message: message.optional() }).optional(),
});

/** An update whose fields Parlons reads have the types the Bot API documents. */
export type TelegramUpdate = z.infer<typeof updateSchema>;

/** Reads a decoded JSON value as an update, or null when it is not one (`null`, an array, a wrong field). */
export function readUpdate(value: unknown): TelegramUpdate | null {
  const parsed = updateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What an update from the Bot API means for Parlons. */
export type ParsedUpdate =
  | { readonly kind: 'message'; readonly inbound: InboundMessage }
  | { readonly kind: 'button'; readonly inbound: InboundMessage; readonly callbackQueryId: string }
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
export function parseUpdate(update: TelegramUpdate): ParsedUpdate {
  const externalId = String(update.update_id);
  if (update.message) {
    const message = update.message;
    if (message.from?.is_bot) return { kind: 'ignored' };
    const address = String(message.chat.id);
    if (!isPrivate(message.chat)) {
      // Nothing of what is written in a group is kept: not even the text.
      return { kind: 'message', inbound: { channel: 'telegram', address, externalId, text: '', inGroup: true } };
    }
    const text = message.text ?? message.caption ?? '';
    const start = START.exec(text);
    const inbound: InboundMessage = start?.[1]
      ? { channel: 'telegram', address, externalId, text: '/start', deepLink: start[1] }
      : { channel: 'telegram', address, externalId, text };
    return { kind: 'message', inbound };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message;
    const data = query.data;
    if (!message || data === undefined || query.from.is_bot) return { kind: 'ignored', callbackQueryId: query.id };
    const address = String(message.chat.id);
    if (!isPrivate(message.chat)) {
      return { kind: 'button', inbound: { channel: 'telegram', address, externalId, text: '', inGroup: true }, callbackQueryId: query.id };
    }
    const button = message.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data === data);
    // The question pressed, so that it can be shown answered (through the outbox, see ConversationService).
    const pressed = message.text !== undefined && button ? { messageId: String(message.message_id), text: message.text, label: button.text } : null;
    const inbound: InboundMessage = { channel: 'telegram', address, externalId, text: '', choiceId: data, ...(pressed ? { pressed } : {}) };
    return { kind: 'button', inbound, callbackQueryId: query.id };
  }
  return { kind: 'ignored' };
}
