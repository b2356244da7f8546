import path from 'node:path';
import { FakeHomeserver, type FakeEvent } from './fake-homeserver';
import { ServedBot } from '../../support/served-bot';
import { until } from '../../support/until';

/** The passphrase of the bot's crypto state in the tests. */
export const MATRIX_TEST_PASSPHRASE = 'a passphrase only for tests';

/** The fake homeserver on 127.0.0.1, and Parlons serving it from a real SQLite file. */
export class MatrixHarness extends ServedBot {
  private constructor(
    readonly server: FakeHomeserver,
    readonly dbFile: string,
  ){
    super();
  }

  static async create(dir: string): Promise<MatrixHarness> {
    return new MatrixHarness(await FakeHomeserver.start(), path.join(dir, 'parlons.db'));
  }

  /**
   * The settings an operator would set, pointing at the fake homeserver (no pacing). No quiet
   * hours: the bot runs on the real clock, and bulk messages must not wait for the morning.
   */
  get env(): Record<string, string> {
    return {
      PARLONS_DB: this.dbFile,
      MATRIX_HOMESERVER_URL: this.server.url,
      MATRIX_ACCESS_TOKEN: this.server.botToken,
      MATRIX_CRYPTO_PASSPHRASE: MATRIX_TEST_PASSPHRASE,
      MATRIX_RATE_LIMIT: '0',
      PARLONS_QUIET_HOURS: 'off',
    };
  }

  /** Starts Parlons on the database (again, after `stopBot`, for a restart), with settings besides the usual ones. */
  async startBot(extra: Record<string, string> = {}): Promise<void> {
    await this.serve({ ...this.env, ...extra });
  }

  /** Starts Parlons on another database file (a new or lost database). */
  async startBotOn(dbFile: string): Promise<void> {
    await this.serve({ ...this.env, PARLONS_DB: dbFile });
  }

  async close(): Promise<void> {
    await this.stopBot();
    await this.server.close();
  }

  /** Counts rows of the app's database. */
  count(sql: string): number {
    return (this.app?.store.db.prepare(sql).pluck().get() as number | undefined) ?? 0;
  }

  /** Waits until the bot has nothing left to send now. */
  async settled(): Promise<void> {
    await until('the outbox to empty', () => {
      const db = this.app?.store.db;
      return db && db.prepare("SELECT count(*) FROM outbox WHERE status = 'sending' OR (status = 'queued' AND not_before <= ?)").pluck().get(new Date().toISOString()) === 0;
    });
  }

  /** Waits until every message is sent or given up, retries included. */
  async delivered(): Promise<void> {
    await until('every message to be delivered', () => this.count("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0);
  }

  /** Makes messages waiting for a retry due now, as if their backoff had passed. */
  retryNow(): void {
    this.app?.store.db.prepare("UPDATE outbox SET not_before = @now WHERE status = 'queued'").run({ now: new Date().toISOString() });
  }

  /** A person on the homeserver, who opens a direct chat with the bot. */
  user(localpart: string): MatrixUser {
    return new MatrixUser(this, `@${localpart}:fake.test`);
  }
}

/** A test user: writes in their direct chat with the bot and reads the bot's answers. */
export class MatrixUser {
  roomId = '';

  constructor(
    private readonly harness: MatrixHarness,
    readonly userId: string,
  ) {}

  /** Creates a direct chat, invites the bot, and waits until it has joined. */
  async openDirectChat(): Promise<void> {
    const server = this.harness.server;
    this.roomId = server.createRoom(this.userId, { invite: [server.botUserId], isDirect: true });
    await until('the bot to join', () => server.membership(this.roomId, server.botUserId) === 'join');
  }

  /** The bot's messages in the direct chat. */
  botMessages(roomId = this.roomId): FakeEvent[] {
    return this.harness.server.messages(roomId).filter((m) => m.sender === this.harness.server.botUserId);
  }

  /** Writes a message and returns what the bot answered to it, once it has answered and sent everything. */
  async say(text: string, msgtype = 'm.text'): Promise<FakeEvent[]> {
    const before = this.botMessages().length;
    const eventId = this.harness.server.say(this.roomId, this.userId, text, msgtype);
    await until('the message to be handled', () => this.processed(eventId));
    await this.harness.settled();
    return this.botMessages().slice(before);
  }

  private processed(eventId: string): boolean {
    return this.harness.count(`SELECT count(*) FROM inbound_message WHERE channel = 'matrix' AND external_id = '${eventId}'`) === 1;
  }
}

/** The plain bodies of messages, joined for `toContain`. */
export function bodies(messages: readonly FakeEvent[]): string {
  return messages.map((m) => String(m.content.body)).join('\n---\n');
}
