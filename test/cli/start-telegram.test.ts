import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import TelegramServer from 'telegram-test-api';
import { tempDir } from '../support/test-app';
import { TOKEN, freePort } from '../channels/telegram/telegram-harness';
import { until } from '../support/until';

/**
 * `parlons start` as an operator runs it: a child process configured by environment, serving
 * telegram-test-api on 127.0.0.1; a user registers by pressing buttons.
 */
jest.setTimeout(60_000);

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

interface Stored {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } | string };
}

test('npm start serves Telegram when configured; a user registers by pressing buttons', async () => {
  const dir = tempDir();
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3_600 });
  await server.start();
  const web = `127.0.0.1:${await freePort()}`;
  const env = { PATH: process.env.PATH ?? '', PARLONS_DB: path.join(dir.dir, 'parlons.db'), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, PARLONS_WEB_LISTEN: web };
  let bot: ChildProcess | null = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  bot.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await until('the bot to start', () => (stderr.includes('telegram') ? true : undefined));
    const client = server.getClient(TOKEN, { userId: 7001, chatId: 7001, firstName: 'Camille', type: 'private' });
    const messages = () => (server.storage.botMessages as unknown as Stored[]).filter((m) => String(m.message.chat_id) === '7001');
    const keyboardOf = (m: Stored) => (typeof m.message.reply_markup === 'string' ? JSON.parse(m.message.reply_markup) : m.message.reply_markup)?.inline_keyboard ?? [];
    // The bot is idle once it has processed every update sent and has nothing left to send
    // (replies of several messages are spaced by the per-chat rate).
    let db: Database.Database | null = null;
    let sent = 0;
    const settled = async () => {
      sent += 1;
      await until('the bot to settle', () => {
        db ??= new Database(env.PARLONS_DB, { readonly: true, fileMustExist: true });
        const inbound = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM inbound_message').get()?.n ?? 0;
        const pending = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')").get()?.n ?? 0;
        return inbound >= sent && pending === 0 ? true : undefined;
      });
    };

    await client.sendMessage(client.makeMessage('/start'));
    await settled();
    const press = async (data: string) => {
      const question = [...messages()].reverse().find((m) => keyboardOf(m).length > 0)!;
      const query = client.makeCallbackQuery(data, {
        message: { message_id: question.messageId, text: question.message.text, reply_markup: { inline_keyboard: keyboardOf(question) }, chat: { id: 7001, type: 'private' } },
      });
      await client.sendCallback(query as Parameters<typeof client.sendCallback>[0]);
      await settled();
    };
    await press('fr');
    await press('register');
    await press('accept');
    await client.sendMessage(client.makeMessage('Camille'));
    await settled();
    for (const data of ['trois_cites', '25_34', 'woman', 'smartphone', 'this_contact', 'confirm']) await press(data);
    await until('the confirmation', () => (messages().some((m) => m.message.text.includes('vous êtes inscrit·e')) ? true : undefined));

    const listed = spawnSync(process.execPath, [CLI, 'volunteers', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites', contact_points: [{ channel: 'telegram', address: '7001' }] }),
    ]);

    // The web face serves beside the bot, and tells residents the bot's address, learnt from Telegram.
    expect(stderr).toContain(`http://${web}`);
    const join = await (await fetch(`http://${web}/join`)).text();
    expect(join).toMatch(/https:\/\/t\.me\/\w+\?start=poster/);

    (db as Database.Database | null)?.close();
    const exited = new Promise<number | null>((resolve) => bot?.once('exit', (code) => resolve(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    bot = null;
  } finally {
    bot?.kill('SIGKILL');
    await server.stop();
    dir.cleanup();
  }
});
