import net from 'node:net';
import path from 'node:path';
import TelegramServer from 'telegram-test-api';
import { ServedBot } from '../../support/served-bot';

/** The bot token the fake Bot API and the bot share. */
export const TOKEN = '123456:TEST-token';

/** A message the bot sent, as the person's Telegram shows it. */
export interface BotMessage {
  readonly messageId: number;
  readonly text: string;
  readonly buttons: readonly { readonly id: string; readonly label: string }[];
}

interface StoredBotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: string | { inline_keyboard?: { text: string; callback_data: string }[][] } };
}

/**
 * A free loopback port. NOTE: telegram-test-api turns port 0 into 9000, so tests pick their own.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function buttonsOf(markup: StoredBotMessage['message']['reply_markup']): BotMessage['buttons'] {
  const parsed = typeof markup === 'string' ? (JSON.parse(markup) as { inline_keyboard?: { text: string; callback_data: string }[][] }) : markup;
  return (parsed?.inline_keyboard ?? []).flat().map((b) => ({ id: b.callback_data, label: b.text }));
}

function toBotMessage(stored: StoredBotMessage): BotMessage {
  return { messageId: stored.messageId, text: stored.message.text, buttons: buttonsOf(stored.message.reply_markup) };
}

/** The real fake Bot API (telegram-test-api) on 127.0.0.1, and Parlons serving it from a real SQLite file. */
export class TelegramHarness extends ServedBot {
  private processed = 0;

  private constructor(
    readonly server: TelegramServer,
    readonly apiRoot: string,
    readonly dbFile: string,
  ){
    super();
  }

  /** Starts the fake Bot API; the bot is started with `startBot`. */
  static async create(dir: string): Promise<TelegramHarness> {
    const port = await freePort();
    // Seconds: keep every message for the whole test.
    const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3_600 });
    await server.start();
    return new TelegramHarness(server, `http://127.0.0.1:${port}`, path.join(dir, 'parlons.db'));
  }

  /** Starts Parlons on the database (again, after `stopBot`, for a restart). */
  async startBot(env: Record<string, string> = {}): Promise<void> {
    await this.serve({ PARLONS_DB: this.dbFile, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: this.apiRoot, ...env });
  }

  async close(): Promise<void> {
    await this.stopBot();
    await this.server.stop();
  }

  /** A Telegram user in a private chat with the bot (or in a group, with `group`). */
  user(id: number, options: { group?: number } = {}): TelegramUser {
    const chatId = options.group ?? id;
    const client = this.server.getClient(TOKEN, {
      userId: id,
      chatId,
      firstName: `User${id}`,
      userName: `user${id}`,
      type: options.group ? 'group' : 'private',
      chatTitle: 'Comité de quartier',
    });
    return new TelegramUser(this, client, chatId);
  }

  /** Waits until the bot has processed `count` more updates and has nothing left to send now. */
  async settle(count = 1): Promise<void> {
    this.processed += count;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const db = this.app?.store.db;
      if (db) {
        const inbound = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM inbound_message WHERE channel = 'telegram'").get()?.n ?? 0;
        const pending =
          db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'sending' OR (status = 'queued' AND not_before <= ?)").get(new Date().toISOString())?.n ?? 0;
        if (inbound >= this.processed && pending === 0) return;
      }
      if (Date.now() > deadline) throw new Error(`bot did not settle (expected ${this.processed} updates processed)`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Every message the bot sent to `chatId`, as it reads now (after any edit). */
  botMessages(chatId: number): BotMessage[] {
    const stored = this.server.storage.botMessages as unknown as StoredBotMessage[];
    return stored.filter((m) => String(m.message.chat_id) === String(chatId)).map(toBotMessage);
  }
}

/** Drives one Telegram user: typing, pressing buttons, reading what the bot sent since. */
export class TelegramUser {
  private seen = 0;

  constructor(
    private readonly harness: TelegramHarness,
    private readonly client: ReturnType<TelegramServer['getClient']>,
    readonly chatId: number,
  ) {}

  /** Sends a text message and returns the bot's new messages. */
  async say(text: string): Promise<BotMessage[]> {
    await this.client.sendMessage(this.client.makeMessage(text));
    return this.newMessages();
  }

  /** Presses the button `id` on `on` (default: the latest message that has buttons). */
  async press(id: string, on?: BotMessage): Promise<BotMessage[]> {
    const message = on ?? [...this.harness.botMessages(this.chatId)].reverse().find((m) => m.buttons.length > 0);
    if (!message) throw new Error('no message with buttons');
    const markup = { inline_keyboard: message.buttons.map((b) => [{ text: b.label, callback_data: b.id }]) };
    const query = this.client.makeCallbackQuery(id, {
      message: { message_id: message.messageId, text: message.text, reply_markup: markup, chat: { id: this.chatId, type: 'private' } },
    });
    await this.client.sendCallback(query as Parameters<typeof this.client.sendCallback>[0]);
    return this.newMessages();
  }

  private async newMessages(): Promise<BotMessage[]> {
    await this.harness.settle();
    const all = this.harness.botMessages(this.chatId);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }
}
