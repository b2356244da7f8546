import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app/create-app';
import { loadSettings } from '../../src/config/settings';
import type { ChannelKind } from '../../src/domain/channel-kind';
import { silentLogger, type Logger } from '../../src/lib/logger';
import type { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { seededRandom } from '../../src/lib/seeded-random';
import { FakeClock } from './fake-clock';
import { RecordingChannel } from './recording-channel';

/** A temporary folder, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parlons-test-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Silent, except that a text sent with a placeholder its parameters leave unfilled fails the
 * test at once: every message the integration tests send, whatever builds it (flows, digests,
 * notices, decisions), is checked that way (see OutboxDispatcher).
 */
export const strictLogger: Logger = {
  ...silentLogger,
  error(event, fields) {
    if (event === 'text_parameter_missing') throw new Error(`a text was sent with a placeholder unfilled: ${JSON.stringify(fields)}`);
  },
};

/** A Parlons app on a real SQLite file, a fake clock, and a recording channel per channel kind. */
export interface TestApp {
  readonly app: App;
  readonly clock: FakeClock;
  readonly dbFile: string;
  readonly channels: Readonly<Record<ChannelKind, RecordingChannel>>;
  readonly dispatcher: OutboxDispatcher;
  /** Sends one message as `address` and returns the texts the bot sent back. */
  say(address: string, text: string, options?: { channel?: ChannelKind; choiceId?: string; id?: string }): Promise<string[]>;
  /** Closes the database (the file stays, for restart tests). */
  close(): void;
}

let messageCounter = 0;

/** Starts an app for a test; `dbFile` reuses a database (a "restart"). Settings as a new install, plus `env`. */
export function startTestApp(dbFile: string, env: Record<string, string> = {}, clock = new FakeClock()): TestApp {
  const app = createApp(loadSettings({ PARLONS_DB: dbFile, ...env }), { clock, logger: strictLogger, random: seededRandom(42), sleep: async (ms) => clock.advance(ms) });
  const channels = {
    console: new RecordingChannel('console'),
    telegram: new RecordingChannel('telegram'),
    matrix: new RecordingChannel('matrix'),
    sms: new RecordingChannel('sms'),
  };
  const dispatcher = app.dispatcher(Object.values(channels));
  return {
    app,
    clock,
    dbFile,
    channels,
    dispatcher,
    async say(address, text, options = {}) {
      const channel = options.channel ?? 'console';
      messageCounter += 1;
      app.conversations.handle({
        channel,
        address,
        externalId: options.id ?? `test-${messageCounter}`,
        text,
        ...(options.choiceId !== undefined ? { choiceId: options.choiceId } : {}),
      });
      await dispatcher.dispatchDue();
      return channels[channel].take(address);
    },
    close: () => app.close(),
  };
}

/**
 * A fresh app on a database file of its own for each test of the calling file: started before
 * each test, closed and its folder removed after. The object returned always designates the
 * current test's app.
 */
export function eachTestApp(env: Record<string, string> = {}): TestApp {
  let current: { bot: TestApp; cleanup: () => void } | null = null;
  beforeEach(() => {
    const { dir, cleanup } = tempDir();
    current = { bot: startTestApp(path.join(dir, 'parlons.db'), env), cleanup };
  });
  afterEach(() => {
    current?.bot.close();
    current?.cleanup();
    current = null;
  });
  const bot = (): TestApp => {
    if (!current) throw new Error('the test app exists only while a test runs');
    return current.bot;
  };
  return {
    get app() {
      return bot().app;
    },
    get clock() {
      return bot().clock;
    },
    get dbFile() {
      return bot().dbFile;
    },
    get channels() {
      return bot().channels;
    },
    get dispatcher() {
      return bot().dispatcher;
    },
    say: (address, text, options) => bot().say(address, text, options),
    close: () => bot().close(),
  };
}
