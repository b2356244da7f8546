import { Telegram } from 'telegraf';
import type { Logger } from '../../lib/logger';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import { InboundNotCommitted, type ChannelAdapter, type ChannelFailure, type ChannelReceiver, type InboundHandler, type RenderedMessage, type SendResult } from '../channel';
import { InboundAttempts } from '../inbound-attempts';
import { classifySendError } from './telegram-errors';
import { answeredQuestion, escapeHtml, inlineKeyboard, splitText } from './telegram-format';
import { ALLOWED_UPDATES, TelegramPolling, type PageOutcome } from './telegram-polling';
import { parseUpdate, type PressedQuestion, type TelegramUpdate } from './telegram-update';
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

  constructor(private readonly options: TelegramOptions) {
    // Every call waits for its answer: a reply "in the webhook response" could not be retried.
    this.telegram = new Telegram(options.token, { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) });
  }

  /** Sends a message, split when longer than Telegram allows; the buttons go with the last part. */
  async send(address: string, message: RenderedMessage): Promise<SendResult> {
    const parts = splitText(message.text);
    try {
      let lastId = '';
      for (const [index, part] of parts.entries()) {
        const keyboard = index === parts.length - 1 && message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {};
        const sent = await this.telegram.sendMessage(address, escapeHtml(part), { parse_mode: 'HTML', ...keyboard });
        lastId = String(sent.message_id);
      }
      return { status: 'sent', providerId: lastId };
    } catch (error) {
      return classifySendError(error);
    }
  }

  /** Checks the token (getMe), then receives by webhook or long polling. */
  async start(handler: InboundHandler, failed: ChannelFailure = () => undefined): Promise<void> {
    const { logger, webhook } = this.options;
    const me = await this.telegram.getMe();
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
    const result = await handler(parsed.inbound);
    if (parsed.kind === 'message') return;
    // Only now, committed: a press the database could not take keeps its spinner and comes again.
    await this.acknowledge(parsed.callbackQueryId);
    if (result.button === 'accepted' && parsed.question) await this.showAnswered(parsed.question);
  }

  private async acknowledge(callbackQueryId: string): Promise<void> {
    await this.telegram.answerCbQuery(callbackQueryId).catch((error: Error) => {
      this.options.logger.warn('telegram_answer_callback_failed', { error: error.message });
    });
  }

  /** Edits the question to show the chosen answer, without its keyboard, so old buttons cannot be pressed again. */
  private async showAnswered(question: PressedQuestion): Promise<void> {
    await this.telegram
      .editMessageText(question.chatId, question.messageId, undefined, answeredQuestion(question.text, question.chosenLabel), {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [] },
      })
      .catch((error: Error) => this.options.logger.warn('telegram_edit_failed', { error: error.message }));
  }
}
