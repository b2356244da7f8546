import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/test-app';
import { FakeHomeserver } from '../channels/matrix/fake-homeserver';
import { MATRIX_TEST_PASSPHRASE } from '../channels/matrix/matrix-harness';
import { until } from '../support/until';
import { freePort } from '../channels/telegram/telegram-harness';

/**
 * `parlons start` as an operator runs it: a child process configured by the two Matrix
 * settings, serving the fake homeserver on 127.0.0.1; a user invites the bot and registers.
 */
jest.setTimeout(180_000);

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

test('npm start serves Matrix when configured; a user invites the bot and registers; volunteers --json shows the Matrix address', async () => {
  const dir = tempDir();
  const server = await FakeHomeserver.start();
  const web = `127.0.0.1:${await freePort()}`;
  const env = { PATH: process.env.PATH ?? '', PARLONS_DB: path.join(dir.dir, 'parlons.db'), MATRIX_HOMESERVER_URL: server.url, MATRIX_ACCESS_TOKEN: server.botToken, PARLONS_WEB_LISTEN: web, MATRIX_CRYPTO_PASSPHRASE: MATRIX_TEST_PASSPHRASE };
  let bot: ChildProcess | null = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  bot.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let db: Database.Database | null = null;
  try {
    await until('the bot to start', () => stderr.includes('matrix_started'));
    const user = '@camille:fake.test';
    const room = server.createRoom(user, { invite: [server.botUserId], isDirect: true });
    await until('the bot to join', () => server.membership(room, server.botUserId) === 'join');
    const botMessages = () => server.messages(room).filter((m) => m.sender === server.botUserId);
    // Idle once the message is processed and nothing is left to send. The default rate spaces
    // replies: after the first 10, the next goes once the first is 50 s old (10 in any 50 s).
    const say = async (text: string) => {
      const eventId = server.say(room, user, text);
      await until(`"${text}" to be answered`, () => {
        db ??= new Database(env.PARLONS_DB, { readonly: true, fileMustExist: true });
        const processed = db.prepare('SELECT count(*) FROM inbound_message WHERE external_id = ?').pluck().get(eventId) === 1;
        const pending = db.prepare("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')").pluck().get() as number;
        return processed && pending === 0;
      }, 90_000);
    };
    for (const text of ['Bonjour', '1', '1', 'oui', 'Camille', 'trois cités', '25 à 34', 'femme', 'smartphone', 'ici', 'oui']) await say(text);
    expect(botMessages().some((m) => String(m.content.body).includes('vous êtes inscrit·e'))).toBe(true);

    const listed = spawnSync(process.execPath, [CLI, 'volunteers', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites', contact_points: [{ channel: 'matrix', address: user }] }),
    ]);

    // The web face tells residents the bot's Matrix address, learnt from the homeserver.
    expect(await (await fetch(`http://${web}/join`)).text()).toContain(`https://matrix.to/#/${server.botUserId}`);

    const exited = new Promise<number | null>((resolve) => bot?.once('exit', (code) => resolve(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    bot = null;
  } finally {
    (db as Database.Database | null)?.close();
    bot?.kill('SIGKILL');
    await server.close();
    dir.cleanup();
  }
});
