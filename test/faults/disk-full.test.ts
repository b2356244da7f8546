import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeBotApi } from '../channels/telegram/fake-bot-api';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { CLI } from '../support/parlons-cli';
import { tempDir } from '../support/test-app';
import { until } from '../support/until';
import { ParlonsProcess } from './parlons-process';
import { describeWithPrivateMounts, insideOf, withMount } from './private-mount';

/**
 * Fault: the disk the database is on fills up (a small tmpfs in a private mount namespace, filled
 * by a file from outside). The webhook answers 503 to what it cannot save, so Telegram sends it
 * again; the process stays up, says so once; once space is freed, every message is answered
 * exactly once. The console chat tells the person their message was not saved.
 */
jest.setTimeout(120_000);

const UPDATES = 20;
const SECRET = 'disk_full_secret';

/** Fills the file system holding `folder` with a file, until it is full; returns the file. */
function fill(folder: string): string {
  const filler = path.join(folder, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // Leave nothing at all: smaller writes to finish off the last blocks.
  const small = fs.openSync(filler, 'a');
  try {
    for (;;) fs.writeSync(small, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    fs.closeSync(small);
  }
  return filler;
}

function update(id: number): string {
  const chat = 7000 + id;
  return JSON.stringify({ update_id: id, message: { message_id: id, date: 0, text: 'bonjour', chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false } } });
}

describeWithPrivateMounts('a full disk', () => {
  let dir: { dir: string; cleanup: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  test(`Telegram webhook: ${UPDATES} updates while the disk is full get 503, none is lost, each is answered once`, async () => {
    const disk = path.join(dir.dir, 'disk');
    fs.mkdirSync(disk);
    const api = await FakeBotApi.start();
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/telegram`;
    const post = async (id: number) =>
      (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: update(id) })).status;
    const bot = new ParlonsProcess(
      { PARLONS_DB: path.join(disk, 'parlons.db'), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_WEBHOOK_URL: hook, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET },
      ['start'],
      withMount(disk, { tmpfsKb: 4096 }),
    );
    try {
      await bot.waitFor('telegram_started');
      const inside = insideOf(bot.pid, disk);
      const filler = fill(inside);
      const during = await Promise.all(Array.from({ length: UPDATES }, (_, i) => post(i + 1)));
      const refused = during.filter((status) => status === 503).length;
      // What was refused was not acknowledged; what was taken (SQLite reuses the space of its WAL) was committed.
      expect(during.every((status) => status === 503 || status === 200)).toBe(true);
      expect(refused).toBeGreaterThan(0);
      await bot.waitFor('database_unavailable', 'problem=full');

      fs.rmSync(filler);
      // Telegram sends every update that did not get a 2xx again, until it does.
      const retried = await Promise.all(
        during.map((status, i) => (status === 200 ? Promise.resolve(200) : until(`update ${i + 1} taken`, async () => ((await post(i + 1)) === 200 ? 200 : undefined), 60_000))),
      );
      expect(retried.every((status) => status === 200)).toBe(true);
      await until('every resident answered', () => Array.from({ length: UPDATES }, (_, i) => api.sentTo(7001 + i).length).every((n) => n > 0), 60_000);
      const answers = Array.from({ length: UPDATES }, (_, i) => api.sentTo(7001 + i).length);
      expect(answers).toEqual(Array.from({ length: UPDATES }, () => 1));
      expect(bot.logged('database_unavailable').filter((line) => line.includes('where=inbound'))).toHaveLength(1);
      console.log(`disk full: ${UPDATES} updates, ${refused} refused with 503 and sent again, 0 lost, 0 duplicates`);
    } finally {
      await bot.kill();
      await api.stop();
    }
  });

  test('the console chat says the message was not saved, and goes on', async () => {
    const disk = path.join(dir.dir, 'disk');
    fs.mkdirSync(disk);
    const [program = '', ...args] = withMount(disk, { tmpfsKb: 2048 })([process.execPath, CLI, 'chat', '--as', 'zoe']);
    const chat = spawn(program, args, { env: { PATH: process.env.PATH ?? '', PARLONS_DB: path.join(disk, 'parlons.db'), PARLONS_BACKUP_DIR: 'off' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    chat.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    chat.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => chat.once('exit', resolve));
    try {
      chat.stdin.write('bonjour\n');
      await until('the first answer', () => out.includes('Quelle langue'));
      const filler = fill(insideOf(chat.pid ?? 0, disk));
      // Enough messages that one needs new space.
      for (let i = 0; i < 30 && !err.includes('plein'); i++) {
        chat.stdin.write(`${i % 2 === 0 ? 'AIDE' : 'MENU'}\n`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await until('the message about the full disk', () => err.includes("Votre dernier message n'a pas pu être enregistré. PARLONS_DB"));
      expect(err).toContain('le disque est plein');
      expect(err).not.toContain('SqliteError');
      expect(err).not.toContain('    at ');
      fs.rmSync(filler);
      const before = out.length;
      chat.stdin.write('1\n');
      await until('an answer once space is back', () => out.slice(before).includes('Que voulez-vous faire'));
      chat.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      chat.kill('SIGKILL');
    }
  });
});
