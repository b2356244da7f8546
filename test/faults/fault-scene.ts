import path from 'node:path';
import { createApp } from '../../src/app/create-app';
import { sendBroadcast } from '../../src/broadcasts/send-broadcast';
import { loadSettings } from '../../src/config/settings';
import { silentLogger } from '../../src/lib/logger';
import { inTransaction } from '../../src/store/database';
import { FakeBotApi } from '../channels/telegram/fake-bot-api';
import { tempDir } from '../support/test-app';
import { ParlonsProcess } from './parlons-process';

/** What a fault test plays on: a folder, its database, a fake Bot API, and the `parlons` processes it started. */
export interface FaultScene {
  readonly dir: string;
  readonly dbFile: string;
  readonly api: FakeBotApi;
  /** Starts the built `parlons` (see ParlonsProcess); it is killed after the test if still running. */
  run(env: Record<string, string>, args?: readonly string[]): ParlonsProcess;
}

/** A fresh scene for each test of the calling file: made before each test, torn down after (processes killed, folder removed). */
export function eachFaultScene(): FaultScene {
  let current: { dir: { dir: string; cleanup: () => void }; api: FakeBotApi; processes: ParlonsProcess[] } | null = null;
  beforeEach(async () => {
    current = { dir: tempDir(), api: await FakeBotApi.start(), processes: [] };
  });
  afterEach(async () => {
    if (!current) return;
    for (const process of current.processes) await process.kill();
    await current.api.stop();
    current.dir.cleanup();
    current = null;
  });
  const scene = () => {
    if (!current) throw new Error('the scene exists only while a test runs');
    return current;
  };
  return {
    get dir() {
      return scene().dir.dir;
    },
    get dbFile() {
      return path.join(scene().dir.dir, 'parlons.db');
    },
    get api() {
      return scene().api;
    },
    run(env, args) {
      const process = new ParlonsProcess(env, args);
      scene().processes.push(process);
      return process;
    },
  };
}

/**
 * Puts `people` residents on Telegram (chats `firstChat`, `firstChat + 1`…) in the database of
 * `env`, and a notice to all of them in the outbox, as an agent would have queued it.
 */
export function queueNotice(env: Record<string, string>, people: number, firstChat: number, text: string): void {
  const app = createApp(loadSettings(env), { logger: silentLogger });
  try {
    const now = new Date();
    inTransaction(app.store.db, () => {
      for (let i = 0; i < people; i++) app.store.contacts.create(app.store.people.create('fr', now), 'telegram', String(firstChat + i), now);
    });
    sendBroadcast(app.store, { audience: [{ kind: 'all' }], texts: { fr: text }, sendAt: now }, now);
  } finally {
    app.close();
  }
}
