import http from 'node:http';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../lib/logger';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import type { ChannelAdapter, ChannelReceiver, InboundHandler, RenderedMessage, SendResult } from '../channel';
import { classifySendError } from './telegram-errors';
import { answeredQuestion, escapeHtml, inlineKeyboard, splitText } from './telegram-format';
import { parseUpdate, type PressedQuestion } from './telegram-update';

/** Receiving by webhook rather than long polling. */
export interface TelegramWebhookOptions {
  /** The public HTTPS address Telegram posts to; its path is the one served. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; requests without it get 403. */
  readonly secret: string;
}

/** How to reach the Bot API. */
export interface TelegramOptions {
  readonly token: string;
  /** A self-hosted Bot API server or a test server, instead of api.telegram.org. */
  readonly apiRoot?: string;
  readonly webhook?: TelegramWebhookOptions;
  readonly logger: Logger;
}

/** Only what the bot handles; Telegram then does not even send the rest. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** A Bot API update is a few kilobytes; refuse anything that could only be an attack. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * Telegram through the Bot API (telegraf): private chats with inline keyboards, by long polling
 * or webhook. It parses updates and sends messages; it knows nothing of flows or the store.
 */
export class TelegramChannel implements ChannelAdapter, ChannelReceiver {
  readonly kind = 'telegram' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.telegram;
  private readonly bot: Telegraf;
  private polling: Promise<void> | null = null;
  private server: http.Server | null = null;

  constructor(private readonly options: TelegramOptions) {
    this.bot = new Telegraf(options.token, {
      // Every call waits for its answer: a reply "in the webhook response" could not be retried.
      telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
    });
  }

  /** Sends a message, split when longer than Telegram allows; the buttons go with the last part. */
  async send(address: string, message: RenderedMessage): Promise<SendResult> {
    const parts = splitText(message.text);
    try {
      let lastId = '';
      for (const [index, part] of parts.entries()) {
        const keyboard = index === parts.length - 1 && message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {};
        const sent = await this.bot.telegram.sendMessage(address, escapeHtml(part), { parse_mode: 'HTML', ...keyboard });
        lastId = String(sent.message_id);
      }
      return { status: 'sent', providerId: lastId };
    } catch (error) {
      return classifySendError(error);
    }
  }

  /** Checks the token (getMe), then receives by webhook or long polling. */
  async start(handler: InboundHandler): Promise<void> {
    const { logger, webhook } = this.options;
    this.bot.use((ctx) => this.onUpdate(ctx.update, handler));
    this.bot.catch((error, ctx) => {
      // The update's id only: never its content.
      logger.error('telegram_update_failed', { update: ctx.update.update_id, error: (error as Error).message });
    });
    this.bot.botInfo = await this.bot.telegram.getMe();
    if (webhook) {
      await this.listen(webhook);
      // NOTE: https://core.telegram.org/bots/api#setwebhook — one connection at a time keeps
      // each chat's messages in order; Telegram may otherwise deliver them in parallel.
      await this.bot.telegram.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 1 });
      logger.info('telegram_started', { mode: 'webhook', bot: this.bot.botInfo.username });
      return;
    }
    // launch() deletes any webhook, then polls until stop(); it resolves only then.
    this.polling = this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((error: Error) => {
      logger.error('telegram_polling_stopped', { error: error.message });
    });
    logger.info('telegram_started', { mode: 'polling', bot: this.bot.botInfo.username });
  }

  publicAddress(): string | null {
    const username = this.bot.botInfo?.username;
    return username ? `@${username}` : null;
  }

  async stop(): Promise<void> {
    if (this.polling) {
      this.bot.stop('shutdown');
      await this.polling;
      this.polling = null;
    }
    if (this.server) {
      const server = this.server;
      this.server = null;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async listen(webhook: TelegramWebhookOptions): Promise<void> {
    const callback = this.bot.webhookCallback(new URL(webhook.url).pathname, { secretToken: webhook.secret });
    this.server = http.createServer((req, res) => {
      if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
        res.writeHead(413).end();
        return;
      }
      void callback(req, res);
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(webhook.port, webhook.host, () => resolve());
    });
  }

  private async onUpdate(update: Update, handler: InboundHandler): Promise<void> {
    const parsed = parseUpdate(update);
    if (parsed.kind === 'ignored') {
      if (parsed.callbackQueryId) await this.acknowledge(parsed.callbackQueryId);
      return;
    }
    if (parsed.kind === 'message') {
      await handler(parsed.inbound);
      return;
    }
    let result;
    try {
      result = await handler(parsed.inbound);
    } finally {
      // Stop the button's spinner at once, even if handling failed.
      await this.acknowledge(parsed.callbackQueryId);
    }
    if (result.button === 'accepted' && parsed.question) await this.showAnswered(parsed.question);
  }

  private async acknowledge(callbackQueryId: string): Promise<void> {
    await this.bot.telegram.answerCbQuery(callbackQueryId).catch((error: Error) => {
      this.options.logger.warn('telegram_answer_callback_failed', { error: error.message });
    });
  }

  /** Edits the question to show the chosen answer, without its keyboard, so old buttons cannot be pressed again. */
  private async showAnswered(question: PressedQuestion): Promise<void> {
    await this.bot.telegram
      .editMessageText(question.chatId, question.messageId, undefined, answeredQuestion(question.text, question.chosenLabel), {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [] },
      })
      .catch((error: Error) => this.options.logger.warn('telegram_edit_failed', { error: error.message }));
  }
}
