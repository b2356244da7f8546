import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations';
import { FakeBotApi } from '../channels/telegram/fake-bot-api';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { CLI } from '../support/parlons-cli';
import { tempDir } from '../support/test-app';
import { countIn, ParlonsProcess } from './parlons-process';

/**
 * Fault: two processes on one database. A second sender (`start`, `tick`) is refused with exit
 * code 4 before it touches anything, so it cannot take the first one's messages in flight for
 * abandoned ones and send them twice; a sender killed with SIGKILL leaves nothing that blocks
 * the next. Several processes opening a new database at once migrate it once, without errors.
 */
jest.setTimeout(90_000);

let dir: { dir: string; cleanup: () => void };
let api: FakeBotApi;
const running: ParlonsProcess[] = [];
const dbFile = () => path.join(dir.dir, 'parlons.db');

beforeEach(async () => {
  dir = tempDir();
  api = await FakeBotApi.start();
});
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.kill();
  await api.stop();
  dir.cleanup();
});

function serve(extra: Record<string, string> = {}, args: readonly string[] = ['start']): ParlonsProcess {
  const bot = new ParlonsProcess({ PARLONS_DB: dbFile(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, ...extra }, args);
  running.push(bot);
  return bot;
}

/** Runs the built CLI to its end, all at once with others. */
function run(args: readonly string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', PARLONS_DB: dbFile(), PARLONS_BACKUP_DIR: 'off' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

test('a second start, or a tick, is refused with exit code 4 and leaves the first one\'s messages in flight alone', async () => {
  const first = serve();
  await first.waitFor('telegram_started');
  // A notice being sent by the first process: one row it has claimed.
  const db = new Database(dbFile());
  db.prepare("INSERT INTO outbox (channel, address, kind, payload, status, not_before, created_at, updated_at) VALUES ('telegram', '901', 'bulk', ?, 'sending', ?, ?, ?)").run(
    JSON.stringify({ parts: [{ key: 'group.private_only' }] }),
    ...Array(3).fill(new Date().toISOString()),
  );
  db.close();
  const version = countIn(dbFile(), 'PRAGMA user_version');

  const second = serve();
  const exit = await second.exited;
  expect(exit.code).toBe(4);
  expect(second.lines.join('\n')).toContain('Un autre processus Parlons sert déjà PARLONS_DB');
  expect(second.lines.join('\n')).not.toContain('outbox_recovered');
  expect(countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status = 'sending'")).toBe(1);

  const tick = await run(['tick']);
  expect(tick.code).toBe(4);
  expect(tick.stderr).toContain('Un autre processus Parlons sert déjà PARLONS_DB');
  expect(countIn(dbFile(), "SELECT count(*) FROM outbox WHERE status = 'sending'")).toBe(1);
  expect(countIn(dbFile(), 'PRAGMA user_version')).toBe(version);
  // The first goes on serving.
  api.queueText(902, 'bonjour');
  await first.waitFor('person_created');
});

test('a second start with a webhook port already taken is refused before it binds anything', async () => {
  const port = await freePort();
  const webhook = { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: 'two_starts' };
  const first = serve(webhook);
  await first.waitFor('telegram_started');
  const second = serve(webhook);
  expect((await second.exited).code).toBe(4);
  expect(second.lines.join('\n')).not.toContain('EADDRINUSE');
});

test('a webhook address taken by another program: one sentence naming the setting, exit code 1', async () => {
  const port = await freePort();
  const squatter = net.createServer().listen(port, '127.0.0.1');
  try {
    await new Promise((resolve) => squatter.once('listening', resolve));
    const bot = serve({ TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`, TELEGRAM_WEBHOOK_LISTEN: `127.0.0.1:${port}` });
    expect((await bot.exited).code).toBe(1);
    const output = bot.lines.join('\n');
    expect(output).toContain(`TELEGRAM_WEBHOOK_LISTEN (127.0.0.1:${port}) est déjà utilisée par un autre programme`);
    expect(output).not.toContain('    at ');
  } finally {
    squatter.close();
  }
});

test('a sender killed with SIGKILL leaves nothing that blocks the next start', async () => {
  const first = serve();
  await first.waitFor('telegram_started');
  await first.kill();
  const next = serve();
  await next.waitFor('telegram_started');
  api.queueText(903, 'bonjour');
  await next.waitFor('person_created');
});

test('six migrations at once on a new database apply each step once', async () => {
  const runs = await Promise.all(Array.from({ length: 6 }, () => run(['migrate'])));
  expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
  expect(countIn(dbFile(), 'PRAGMA user_version')).toBe(MIGRATIONS.at(-1)?.version);
  // Each migration applied by exactly one of them.
  const applied = runs.flatMap((r) => /\(([^)]*)\)\.\s*$/.exec(r.stdout.includes('déjà à jour') ? '' : r.stdout)?.[1]?.split(', ') ?? []);
  expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
});

test('several console chats at once on a new database all work', async () => {
  const runs = await Promise.all(['ana', 'ben', 'chloe', 'dan'].map((name) => run(['chat', '--as', name], 'bonjour\n1\n')));
  expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
  for (const r of runs) {
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Que voulez-vous faire');
  }
  expect(countIn(dbFile(), 'SELECT count(*) FROM person')).toBe(4);
});
