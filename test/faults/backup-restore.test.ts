import fs from 'node:fs';
import path from 'node:path';
import { TOKEN } from '../channels/telegram/telegram-harness';
import { runParlons } from '../support/parlons-cli';
import { until } from '../support/until';
import { eachFaultScene, queueNotice } from './fault-scene';
import { countIn } from './parlons-process';

/**
 * Backups: an encrypted backup is taken by `parlons backup` while `parlons start` sends a
 * 3,000-person notice; the bot goes on sending, an agent erases someone; then the database is
 * restored from the backup and the bot started from it. Everything committed before the backup
 * is there, the notice reaches everyone exactly once (what was sent after the backup is not sent
 * again), and the person erased after the backup is erased again.
 */
jest.setTimeout(180_000);

const PEOPLE = 3_000;
const KEY = 'une phrase de passe assez longue';

const scene = eachFaultScene();

test('a backup taken during a broadcast, restored and started from: nothing committed before it is missing, nothing sent is sent again', async () => {
  const dbFile = scene.dbFile;
  const backupFile = path.join(scene.dir, 'elsewhere', 'parlons-backup.db.enc');
  const env = { PARLONS_DB: dbFile, PARLONS_BACKUP_KEY: KEY, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: scene.api.apiRoot, TELEGRAM_RATE_LIMIT: '2000', TELEGRAM_CHAT_RATE_LIMIT: '0' };
  const cli = (args: readonly string[]) => runParlons(scene.dir, args, '', env);

  queueNotice(env, PEOPLE, 400_000, 'Séance samedi à 10 h, salle des fêtes.');
  expect(cli(['session', 'add', '--title-fr', 'Séance 3', '--title-en', 'Session 3', '--start', '2030-03-01 10:00', '--end', '2030-03-01 12:00', '--place', 'Salle des fêtes']).code).toBe(0);

  const sent = () => scene.api.calls.filter((c) => c.method === 'sendMessage').length;
  let bot = scene.run(env);
  await until('a third of the notice sent', () => sent() >= PEOPLE / 3, 120_000);
  const backup = cli(['backup', backupFile]);
  expect(backup.code).toBe(0);
  expect(backup.stdout).toContain('Sauvegarde chiffrée écrite');
  expect(fs.readFileSync(backupFile).subarray(0, 16).toString()).toBe('PARLONS-BACKUP-1');
  const sentAtBackup = sent();
  await until('two thirds sent', () => sent() >= (2 * PEOPLE) / 3, 120_000);
  await bot.stop();
  // Erased after the backup: the person of the last chat.
  expect(cli(['person', 'erase', `telegram:${400_000 + PEOPLE - 1}`, '--yes']).code).toBe(0);
  const sentBeforeRestore = sent();

  // Refused while a process serves the database.
  bot = scene.run(env);
  await bot.waitFor('telegram_started');
  const refused = cli(['restore', backupFile, '--yes']);
  expect(refused.code).toBe(4);
  await bot.stop();

  const restored = cli(['restore', backupFile, '--yes']);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.stdout).toContain('personne(s) effacée(s) après la sauvegarde ont été effacées de nouveau');
  const settled = Number(/(\d+) message\(s\) déjà envoyé/.exec(restored.stdout)?.[1]);
  // Everything sent after the backup is carried over, but for the erased person's notice (if it
  // went): their rows go with them when they are erased again.
  expect(settled).toBeGreaterThanOrEqual(sentBeforeRestore - sentAtBackup - 1);

  bot = scene.run(env);
  await until('the notice to be finished', () => countIn(dbFile, "SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')") === 0, 120_000);
  await bot.stop();

  const perChat = new Map<string, number>();
  for (const call of scene.api.calls.filter((c) => c.method === 'sendMessage')) perChat.set(String(call.body.chat_id), (perChat.get(String(call.body.chat_id)) ?? 0) + 1);
  const twice = [...perChat.values()].filter((n) => n > 1).length;
  const missing = Array.from({ length: PEOPLE - 1 }, (_, i) => String(400_000 + i)).filter((chat) => !perChat.has(chat));
  console.log(`backup during a broadcast: ${sentAtBackup} of ${PEOPLE} sent at the backup, ${sentBeforeRestore} before the restore, ${settled} carried over as sent; after restart ${missing.length} missing, ${twice} sent twice`);
  expect(missing).toEqual([]);
  expect(twice).toBe(0);
  // Committed before the backup: the session; erased after it: still erased.
  expect(cli(['session', 'list']).stdout).toContain('Séance 3');
  expect(countIn(dbFile, "SELECT count(*) FROM contact_point WHERE address = ?", String(400_000 + PEOPLE - 1))).toBe(0);
  expect(countIn(dbFile, 'SELECT count(*) FROM person')).toBe(PEOPLE - 1);
  // The replaced database was kept aside for the operator.
  expect(fs.readdirSync(scene.dir).some((name) => name.startsWith('parlons.db.replaced-'))).toBe(true);
});

test('a wrong key, a damaged backup, or a file that is not a backup, is refused and nothing is replaced', () => {
  const env = { PARLONS_BACKUP_KEY: KEY };
  expect(runParlons(scene.dir, ['chat', '--as', 'zoe'], 'bonjour\n', env).code).toBe(0);
  const backupFile = path.join(scene.dir, 'b.enc');
  expect(runParlons(scene.dir, ['backup', backupFile], '', env).code).toBe(0);
  const wrong = runParlons(scene.dir, ['restore', backupFile, '--yes'], '', { PARLONS_BACKUP_KEY: 'une autre phrase de passe' });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain("PARLONS_BACKUP_KEY n'ouvre pas");
  const damaged = path.join(scene.dir, 'damaged.enc');
  const bytes = fs.readFileSync(backupFile);
  bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
  fs.writeFileSync(damaged, bytes);
  expect(runParlons(scene.dir, ['restore', damaged, '--yes'], '', env).stderr).toContain('ou le fichier a été modifié');
  const notes = path.join(scene.dir, 'notes.txt');
  fs.writeFileSync(notes, 'pas une sauvegarde');
  expect(runParlons(scene.dir, ['restore', notes, '--yes'], '', env).stderr).toContain('ne peut pas être restaurée');
  expect(runParlons(scene.dir, ['restore', backupFile], '', env).stderr).toContain('--yes');
  expect(fs.readdirSync(scene.dir).some((name) => name.includes('replaced'))).toBe(false);
});
