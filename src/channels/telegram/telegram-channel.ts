import { Telegram } from 'telegraf';
import type { Logger } from '../../lib/logger';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import { InboundNotCommitted, type ChannelAdapter, type ChannelFailure, type ChannelReceiver, type InboundHandler, type RenderedMessage, type SendOptions, type SendResult } from '../channel';
import { InboundAttempts } from '../inbound-attempts';
import { classifySendError } from './telegram-errors';
import { answeredQuestion, escapeHtml, inlineKeyboard, splitText } from './telegram-format';
import { ALLOWED_UPDATES, TelegramPolling, type PageOutcome } from './telegram-polling';
import { parseUpdate, type TelegramUpdate } from './telegram-update';
import { TelegramWebhookServer, type TelegramWebhookOptions, type UpdateOutcome } from './telegram-webhook';

export type { TelegramWebhookOptions } from './telegram-webhook';

/** How to reach the Bot API. */
export interface TelegramOptions {
  readonly token: string;
  /** A self-hosted Bot API server or a test server, instead of api.telegram.org. */
  readonly apiRoot?: string;
  readonly webhook?: TelegramWebhookOptions;
  readonly logger: Logger;
}

/**
 * Telegram through the Bot API: private chats with inline keyboards, by long polling or webhook.
 * It parses updates and sends messages; it knows nothing of flows or the store. An update is
 * acknowledged to Telegram (the polling offset, the webhook's 200) only once the handler has
 * committed it; one the database could not take comes again.
 */
export class TelegramChannel implements ChannelAdapter, ChannelReceiver {
  readonly kind = 'telegram' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.telegram;
  private readonly telegram: Telegram;
  private readonly attempts = new InboundAttempts();
  private receiver: TelegramPolling | TelegramWebhookServer | null = null;
  private username: string | null = null;

  constructor(private readonly options: TelegramOptions) {
    // Every call waits for its answer: a reply "in the webhook response" could not be retried.
    this.telegram = new Telegram(options.token, { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) });
  }

  /**
   * Sends a message, split when longer than Telegram allows; the buttons go with the last part,
   * and a retry resumes at the first part not sent. A message that replaces one already shown (a
   * question whose button was pressed) edits it instead: shown answered without its buttons, or
   * with its ticks updated.
   */
  async send(address: string, message: RenderedMessage, options: SendOptions = {}): Promise<SendResult> {
    if (message.replaces) return this.edit(address, message, message.replaces);
    const parts = splitText(message.text);
    let index = options.partsSent ?? 0;
    try {
      let lastId = '';
      for (; index < parts.length; index++) {
        const keyboard = index === parts.length - 1 && message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {};
        const sent = await this.telegram.sendMessage(address, escapeHtml(parts[index] ?? ''), { parse_mode: 'HTML', ...keyboard });
        lastId = String(sent.message_id);
      }
      return { status: 'sent', providerId: lastId };
    } catch (error) {
      const result = classifySendError(error);
      // NOTE: the parts already sent stay sent: a retry sends the rest only.
      return result.status === 'retry' ? { ...result, partsSent: index } : result;
    }
  }

  private async edit(address: string, message: RenderedMessage, replaces: NonNullable<RenderedMessage['replaces']>): Promise<SendResult> {
    const answered = replaces.answered !== undefined;
    const body = answered ? answeredQuestion(message.text, replaces.answered ?? '') : escapeHtml(message.text);
    const keyboard = answered || !message.buttons?.length ? { inline_keyboard: [] } : inlineKeyboard(message.buttons);
    try {
      await this.telegram.editMessageText(address, Number(replaces.messageId), undefined, body, { parse_mode: 'HTML', reply_markup: keyboard });
      return { status: 'sent', providerId: replaces.messageId };
    } catch (error) {
      const result = classifySendError(error);
      // NOTE: https://core.telegram.org/bots/api#editmessagetext — an edit that changes nothing, or of a
      // message too old or deleted, is refused with 400: the message stays as it was, nothing to retry.
      return result.status === 'failed' && !result.unreachable ? { status: 'failed', reason: `edit_refused: ${result.reason}` } : result;
    }
  }

  /** Checks the token (getMe), then receives by webhook or long polling. */
  async start(handler: InboundHandler, failed: ChannelFailure = () => undefined): Promise<void> {
    const { logger, webhook } = this.options;
    const me = await this.telegram.getMe();
    this.username = me.username;
    if (webhook) {
      const server = new TelegramWebhookServer(webhook, logger);
      await server.start((update) => this.receive(update, handler));
      this.receiver = server;
      // NOTE: https://core.telegram.org/bots/api#setwebhook — one connection at a time keeps
      // each chat's messages in order; Telegram may otherwise deliver them in parallel.
      await this.telegram.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 1 });
      logger.info('telegram_started', { mode: 'webhook', bot: me.username });
      return;
    }
    const polling = new TelegramPolling(this.telegram, logger);
    await polling.start((updates) => this.receivePage(updates, handler), failed);
    this.receiver = polling;
    logger.info('telegram_started', { mode: 'polling', bot: me.username });
  }

  /** The bot's address, `@username`, once started (the public pages show it); null before. */
  publicAddress(): string | null {
    return this.username ? `@${this.username}` : null;
  }

  async stop(): Promise<void> {
    await this.receiver?.stop();
    this.receiver = null;
  }

  /**
   * A page of polled updates, handed in together (so that they are committed together): done
   * up to the first that must come again.
   */
  private async receivePage(updates: readonly TelegramUpdate[], handler: InboundHandler): Promise<PageOutcome> {
    const outcomes = await Promise.all(updates.map((update) => this.receive(update, handler)));
    const firstUndone = outcomes.findIndex((outcome) => outcome.kind !== 'done');
    if (firstUndone === -1) return { done: updates.length };
    const undone = outcomes[firstUndone];
    return { done: firstUndone, ...(undone?.kind === 'retry' ? { retryAfterMs: undone.retryAfterMs } : {}) };
  }

  /**
   * One update, never throwing: `done` once committed; `retry` when the database could not take
   * it; `failed` when handling it failed (a bug), until it has failed too often and is let go.
   */
  private async receive(update: TelegramUpdate, handler: InboundHandler): Promise<UpdateOutcome> {
    const id = String(update.update_id);
    try {
      await this.onUpdate(update, handler);
      this.attempts.succeeded(id);
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof InboundNotCommitted) return { kind: 'retry', retryAfterMs: error.retryAfterMs };
      // The update's id only: never its content.
      const dropped = this.attempts.failed(id);
      this.options.logger.error(dropped ? 'telegram_update_dropped' : 'telegram_update_failed', { update: update.update_id, error: (error as Error).message });
      return dropped ? { kind: 'done' } : { kind: 'failed' };
    }
  }

  private async onUpdate(update: TelegramUpdate, handler: InboundHandler): Promise<void> {
    const parsed = parseUpdate(update);
    if (parsed.kind === 'ignored') {
      if (parsed.callbackQueryId) await this.acknowledge(parsed.callbackQueryId);
      return;
    }
    await handler(parsed.inbound);
    if (parsed.kind === 'message') return;
    // Only now, committed: a press the database could not take keeps its spinner and comes again.
    // The question is shown answered (or its ticks updated) through the outbox, like everything sent.
    await this.acknowledge(parsed.callbackQueryId);
  }

  private async acknowledge(callbackQueryId: string): Promise<void> {
    await this.telegram.answerCbQuery(callbackQueryId).catch((error: Error) => {
      this.options.logger.warn('telegram_answer_callback_failed', { error: error.message });
    });
  }

}
