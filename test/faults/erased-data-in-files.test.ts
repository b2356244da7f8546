import fs from 'node:fs';
import path from 'node:path';
import { runParlons } from '../support/parlons-cli';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

/**
 * Fault: someone reads the database files with `grep` after an erasure. Neither the `.db` nor
 * its `-wal` or `-shm` may hold the erased person's first name or phone number — not in free
 * pages, not in the WAL of a process that is still running, whether they erased themselves by
 * chat (EFFACER) or an agent did with `parlons person erase`.
 */
const NAME = 'Zéphyrine';
const NUMBER = '+33698765401';
const OTHER_NAME = 'Bérénice';
const OTHER_NUMBER = '+33698765402';

let dir: { dir: string; cleanup: () => void };
let bot: TestApp;

beforeEach(() => {
  dir = tempDir();
  bot = startTestApp(path.join(dir.dir, 'parlons.db'), { PARLONS_QUIET_HOURS: 'off' });
});
afterEach(() => {
  bot.close();
  dir.cleanup();
});

/** Registers a volunteer by SMS, with a number, a first name and an idea of theirs. */
async function register(number: string, name: string): Promise<void> {
  for (const text of ['bonjour', '1', '1', '1', name, '3 cites', '2', 'femme', '1', '1', 'oui']) await bot.say(number, text, { channel: 'sms' });
}

/** Where, in the database's files as they are on disk now, `needle` appears (UTF-8, and UTF-16 for good measure). */
function foundIn(needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return ['', '-wal', '-shm']
    .map((suffix) => bot.dbFile + suffix)
    .filter((file) => fs.existsSync(file) && forms.some((form) => fs.readFileSync(file).includes(form)))
    .map((file) => path.basename(file));
}

test('EFFACER by chat: the name and the number are gone from every file, the process still running', async () => {
  await register(NUMBER, NAME);
  await register(OTHER_NUMBER, OTHER_NAME);
  // Pushed into the main file by a checkpoint, and still in the WAL: both places must be cleaned.
  bot.app.store.db.pragma('wal_checkpoint(PASSIVE)');
  await bot.say(NUMBER, 'MENU', { channel: 'sms' });
  expect(foundIn(NAME).length).toBeGreaterThan(0);
  expect(foundIn(NUMBER).length).toBeGreaterThan(0);

  expect((await bot.say(NUMBER, 'effacer', { channel: 'sms' })).join('\n')).toContain('effacer toutes vos données');
  // The goodbye is sent (then deleted: it held the number) by `say`'s dispatch.
  expect((await bot.say(NUMBER, 'oui', { channel: 'sms' })).join('\n')).toContain('Vos données sont effacées');

  expect(foundIn(NAME)).toEqual([]);
  expect(foundIn(NUMBER)).toEqual([]);
  // The other resident is still there.
  expect(foundIn(OTHER_NAME)).toEqual(['parlons.db']);
});

test('parlons person erase: gone from every file, while the bot keeps the database open', async () => {
  await register(NUMBER, NAME);
  await register(OTHER_NUMBER, OTHER_NAME);
  bot.app.store.db.pragma('wal_checkpoint(PASSIVE)');
  await bot.say(OTHER_NUMBER, 'MENU', { channel: 'sms' });
  const erased = runParlons(dir.dir, ['person', 'erase', NUMBER, '--yes']);
  expect(erased.stderr).not.toContain('Error');
  expect(erased.code).toBe(0);
  expect(foundIn(NAME)).toEqual([]);
  expect(foundIn(NUMBER)).toEqual([]);
  expect(foundIn(OTHER_NUMBER).length).toBeGreaterThan(0);
});
