import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { EncryptedResident } from '../channels/matrix/encrypted-resident';
import { FakeHomeserver } from '../channels/matrix/fake-homeserver';
import { MATRIX_TEST_PASSPHRASE } from '../channels/matrix/matrix-harness';
import { tempDir } from '../support/test-app';
import { until } from '../support/until';

/**
 * The whole journey of a resident in an end-to-end encrypted direct chat, with `parlons start`
 * as an operator runs it (a child process) against the fake homeserver: registration, a
 * consultation, a session reminder, the bot killed with SIGKILL twice along the way and started
 * again. Nothing the bot sends to the encrypted room is in clear.
 */
jest.setTimeout(180_000);

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const ZONE = 'Europe/Paris';

test('an encrypted direct chat: registration, a consultation and a reminder, the bot killed with SIGKILL twice and started again', async () => {
  const dir = tempDir();
  const server = await FakeHomeserver.start();
  const dbFile = path.join(dir.dir, 'parlons.db');
  const env = {
    PATH: process.env.PATH ?? '',
    PARLONS_DB: dbFile,
    PARLONS_QUIET_HOURS: 'off',
    MATRIX_HOMESERVER_URL: server.url,
    MATRIX_ACCESS_TOKEN: server.botToken,
    MATRIX_CRYPTO_PASSPHRASE: MATRIX_TEST_PASSPHRASE,
    MATRIX_RATE_LIMIT: '0',
  };
  let bot: ChildProcess | null = null;
  let db: Database.Database | null = null;
  const started = async () => {
    let stderr = '';
    bot = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    bot.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until('the bot to start', () => stderr.includes('matrix_started'));
  };
  const killed = async () => {
    const exited = new Promise((resolve) => bot?.once('exit', resolve));
    bot?.kill('SIGKILL');
    await exited;
    bot = null;
  };
  const count = (sql: string, ...params: unknown[]) => {
    db ??= new Database(dbFile, { readonly: true, fileMustExist: true });
    return db.prepare(sql).pluck().get(...params) as number;
  };
  const parlons = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  const camille = await EncryptedResident.create(server, 'camille');
  /** Writes; waits until the bot has handled it and sent everything; returns its answers. */
  let writes = 0;
  const say = async (text: string) => {
    const before = (await camille.botMessages()).length;
    writes += 1;
    const eventId = await camille.write(text);
    await until(`"${text}" to be answered`, () => count('SELECT count(*) FROM inbound_message WHERE external_id = ?', eventId) === 1 && count("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0);
    return (await camille.botMessages()).slice(before).join('\n---\n');
  };
  try {
    await started();
    await camille.openEncryptedDirectChat();
    for (const text of ['Bonjour', '1', '1', 'oui', 'Camille']) await say(text);

    // Killed right after a message is written: it is answered once, after the start.
    const before = (await camille.botMessages()).length;
    writes += 1;
    const written = await camille.write('trois cités');
    await killed();
    await started();
    await until('the message written at the kill to be answered', () => count('SELECT count(*) FROM inbound_message WHERE external_id = ?', written) === 1 && count("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0);
    const afterKill = (await camille.botMessages()).slice(before);
    expect(afterKill.filter((m) => m?.includes('Quel âge avez-vous ?'))).toHaveLength(1);
    for (const text of ['25 à 34', 'femme', 'smartphone', 'ici']) await say(text);
    expect(await say('oui')).toContain('vous êtes inscrit·e comme volontaire');

    // A consultation opened by an agent with the CLI while the bot serves.
    const now = DateTime.now().setZone(ZONE);
    const yaml = fs
      .readFileSync(path.join(__dirname, '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8')
      .replace(/^opens: .*$/m, `opens: ${now.minus({ hours: 1 }).toFormat('yyyy-MM-dd HH:mm')}`)
      .replace(/^closes: .*$/m, `closes: ${now.plus({ days: 2 }).toFormat('yyyy-MM-dd HH:mm')}`);
    const file = path.join(dir.dir, 'consultation.yaml');
    fs.writeFileSync(file, yaml);
    expect(parlons(['consultation', 'create', file]).status).toBe(0);
    expect(parlons(['consultation', 'open', '1']).status).toBe(0);
    await until('the invitation', async () => (await camille.botMessages()).some((m) => m?.includes('Nouvelle consultation')));
    for (const text of ['1', '1', '2', '1 3']) await say(text);

    // A session whose reminder is due, then the second SIGKILL: the reminder goes at the start.
    const start = now.plus({ hours: 1 });
    expect(
      parlons(['session', 'add', '--title-fr', 'Séance 2', '--start', start.toFormat('yyyy-MM-dd HH:mm'), '--end', start.plus({ hours: 2 }).toFormat('yyyy-MM-dd HH:mm'), '--place', 'Salle des fêtes', '--reminders', '2h']).status,
    ).toBe(0);
    await killed();
    await started();
    await until('the reminder', async () => (await camille.botMessages()).some((m) => m?.includes('Rappel : Séance 2')));
    // Answered; the consultation goes on where it was.
    const resumed = await say('oui');
    expect(resumed).toContain('C\'est noté : vous venez.');
    expect(resumed).toContain('Question 4/5');
    let answer = '';
    for (const text of ['1', '3', '7', '0', '1']) answer = await say(text);
    expect(answer).toContain('Vos réponses à « Se déplacer dans les quartiers » sont enregistrées');
    expect(count('SELECT count(*) FROM consultation_participant')).toBe(1);

    // Every message of hers handled exactly once; everything the bot sent there encrypted and readable.
    expect(count("SELECT count(*) FROM inbound_message WHERE channel = 'matrix'")).toBe(writes);
    expect(server.clearTextInEncryptedRooms).toEqual([]);
    expect(server.roomMessages(camille.roomId).every((e) => e.type === 'm.room.encrypted')).toBe(true);
    expect((await camille.botMessages()).every((m) => m !== null)).toBe(true);
  } finally {
    (db as Database.Database | null)?.close();
    (bot as ChildProcess | null)?.kill('SIGKILL');
    await server.close();
    dir.cleanup();
  }
});
