import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { formatLocalDateTime } from '../../src/lib/local-time';
import { openDatabase } from '../../src/store/database';
import { MIGRATIONS } from '../../src/store/migrations';
import { createStore } from '../../src/store/store';
import { tempDir } from '../support/test-app';
import { freePort } from '../channels/telegram/telegram-harness';

/**
 * The `parlons` command as a user runs it: the built CLI (`npm test` builds first) in a child
 * process, conversations piped on standard input, a real database file.
 */
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

let dir: { dir: string; cleanup: () => void };
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = path.join(dir.dir, 'data', 'parlons.db');
});
afterEach(() => dir.cleanup());

function parlons(args: readonly string[], input = '', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    cwd: dir.dir,
    env: { PATH: process.env.PATH ?? '', PARLONS_DB: db, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (...messages: string[]) => `${messages.join('\n')}\n`;
const REGISTRATION = ['bonjour', '1', '1', '1', 'Camille', '3 cites', '2', 'femme', 'smartfone', '1', "c'est bon"];

describe('parlons CLI', () => {
  test('a piped conversation registers a volunteer that `volunteers --json` lists', () => {
    const chat = parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('vous êtes inscrit·e comme volontaire');
    expect(chat.stderr).toBe('');
    const listed = parlons(['volunteers', '--json']);
    expect(listed.code).toBe(0);
    const [volunteer] = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(volunteer).toMatchObject({
      first_name: 'Camille',
      neighbourhood: 'trois_cites',
      age_bracket: '25_34',
      gender: 'woman',
      equipment: 'smartphone',
      language: 'fr',
      consent_version: '2026-12-01.1',
      contact_points: [{ channel: 'console', address: 'camille' }],
    });
    expect(Date.parse(String(volunteer?.consent_at))).not.toBeNaN();
    expect(parlons(['volunteers']).stdout).toMatch(/Camille\s+Trois-Cités\s+25 à 34 ans/);
  });

  test('`start` with no channel configured is the console chat, beside the web face, whose address it says', async () => {
    const web = `127.0.0.1:${await freePort()}`;
    const started = parlons(['start'], lines('bonjour'), { PARLONS_WEB_LISTEN: web });
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('Quelle langue préférez-vous ?');
    expect(started.stderr).toContain(`Site web : http://${web} (pages publiques ; espace des agents : écrivez WEB au bot pour recevoir un lien).`);
    const off = parlons(['start'], lines('bonjour'), { PARLONS_WEB_LISTEN: 'off' });
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain('Site web');
  });

  test('`start` says so, clearly, when the web face\'s address is taken, and exits 2', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const started = parlons(['start'], lines('bonjour'), { PARLONS_WEB_LISTEN: `127.0.0.1:${port}` });
      expect(started.code).toBe(2);
      expect(started.stderr).toContain(`PARLONS_WEB_LISTEN=127.0.0.1:${port} : cette adresse est déjà prise`);
      expect(started.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  test('a registration stopped in the middle resumes at the same question in a new process', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION.slice(0, 6)));
    const resumed = parlons(['chat', '--as', 'camille'], lines(...REGISTRATION.slice(6)));
    expect(resumed.stdout.indexOf('Bon retour')).toBe(0);
    expect(resumed.stdout).toContain('Quel âge avez-vous ?');
    expect(resumed.stdout).toContain('vous êtes inscrit·e comme volontaire');
    expect(JSON.parse(parlons(['volunteers', '--json']).stdout)).toHaveLength(1);
  });

  test('after EFFACER, the person is neither listed nor exportable', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    expect(JSON.parse(parlons(['person', 'export', 'console:camille']).stdout)).toMatchObject({ person: { volunteer_status: 'volunteer' } });
    const erased = parlons(['chat', '--as', 'camille'], lines('EFFACER', '1'));
    expect(erased.stdout).toContain('Vos données sont effacées');
    expect(JSON.parse(parlons(['volunteers', '--json']).stdout)).toEqual([]);
    const exported = parlons(['person', 'export', 'console:camille']);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('Personne introuvable pour « console:camille »');
    expect(parlons(['person', 'export', '1']).code).toBe(1);
  });

  test('`outbox --to` shows what a person was sent, in their language, with its status', () => {
    parlons(['chat', '--as', 'camille'], lines('hello', '2'));
    const rows = JSON.parse(parlons(['outbox', '--to', 'console:camille', '--json']).stdout) as Record<string, unknown>[];
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows[1]?.text).toContain('I am a bot');
    expect(parlons(['outbox', '--to', 'console:camille']).stdout).toMatch(/console:camille\s+réponse\s+envoyé/);
    expect(parlons(['outbox']).stdout).toContain('What would you like to do');
    expect(parlons(['outbox', '--to', 'console:nobody']).code).toBe(1);
  });

  test('`broadcast`: a dry run counts, a broadcast is queued and followed, bad input is explained', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    const env = { PARLONS_QUIET_HOURS: 'off' };
    expect(parlons(['broadcast', '--audience', 'neighbourhood:trois_cites', '--text-fr', 'Séance demain', '--dry-run'], '', env).stdout).toContain(
      'Essai : 1 personne la recevrait (console 1)',
    );
    expect(JSON.parse(parlons(['outbox', '--json']).stdout).some((r: { kind: string }) => r.kind === 'bulk')).toBe(false);
    const queued = parlons(['broadcast', '--audience', 'volunteers', '--text-fr', 'Séance demain'], '', env);
    expect(queued.stdout).toContain('Annonce n° 1 : 1 message en file');
    expect(parlons(['broadcast', 'status', '1']).stdout).toContain('console: en attente 1');
    expect(parlons(['chat', '--as', 'camille'], '', env).stdout).toContain('Séance demain');
    expect(parlons(['broadcast', 'status', '1', '--json']).stdout).toContain('"status": "sent"');
    for (const [args, message] of [
      [['--audience', 'everyone', '--text-fr', 'x'], 'Public inconnu'],
      [['--text-en', 'only English'], '--text-fr'],
      [['--text-fr', 'x', '--at', 'demain'], 'Heure illisible'],
    ] as const) {
      const refused = parlons(['broadcast', ...args]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(message);
    }
    expect(parlons(['broadcast', 'status', '99']).code).toBe(1);
  });

  test('`broadcast` counts the people without a phone reached through their mediators; `tick` sends the digest', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    const database = openDatabase(db);
    const store = createStore(database);
    const now = new Date();
    const mediator = store.people.create('fr', now);
    store.contacts.create(mediator, 'console', 'mediatrice', now);
    store.people.grantRole(mediator, 'mediator', now, 'Centre social');
    const marc = store.people.create('fr', now);
    const profile = { firstName: 'Marc', neighbourhood: 'centre_ville', ageBracket: '80_plus', gender: 'man', equipment: 'none', reminders: 'this_contact' } as const;
    store.people.registerVolunteer(marc, profile, null, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now.toISOString(), method: 'paper', reference: 'F-7' }, now);
    store.mediation.addSupport(mediator, marc, 'registered', now);
    database.close();
    const env = { PARLONS_QUIET_HOURS: 'off' };
    const plan = parlons(['broadcast', '--audience', 'volunteers', '--text-fr', 'Séance demain', '--dry-run'], '', env).stdout;
    expect(plan).toContain('Essai : 1 personne la recevrait (console 1)');
    expect(plan).toContain('Et 1 personne sans téléphone ni internet la recevrait par ses médiateurs (bilan quotidien).');
    expect(parlons(['broadcast', '--audience', 'volunteers', '--text-fr', 'Séance demain'], '', env).stdout).toContain(
      'Et 1 personne sans téléphone ni internet la recevra par ses médiateurs (bilan quotidien).',
    );
    const tomorrow = formatLocalDateTime(new Date(now.getTime() + 24 * 60 * 60_000).toISOString(), 'Europe/Paris').slice(0, 10);
    expect(parlons(['tick', '--now', `${tomorrow} 18:30`], '', env).stdout).toContain('1 bilan(s) quotidien(s) pour les médiateurs');
    // Queued for tomorrow 18:30 (the console shows it when the mediator opens the chat then).
    const [digest] = JSON.parse(parlons(['outbox', '--to', 'console:mediatrice', '--json']).stdout) as { kind: string; text: string }[];
    expect(digest).toMatchObject({ kind: 'bulk', text: expect.stringContaining('Annonce pour Marc (Centre-ville) : « Séance demain »') });
  });

  test('sessions: an agent adds one, `tick` sends the 1-day reminder, the answer shows in `session list`', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    const added = parlons(['session', 'add', '--title-fr', 'Séance 2', '--start', '2030-03-12 10:00', '--end', '2030-03-12 12:00', '--place', 'Salle des fêtes']);
    expect(added.stdout).toContain('Séance n° 1 ajoutée, le 2030-03-12 10:00');
    expect(parlons(['tick', '--now', '2030-03-11 09:59']).stdout).toContain('0 rappel(s) déclenché(s)');
    expect(parlons(['tick', '--now', '2030-03-11 10:00']).stdout).toContain('1 rappel(s) déclenché(s), 1 message(s) mis en file');
    const chat = parlons(['chat', '--as', 'camille', '--now', '2030-03-11 10:05'], lines('oui'));
    expect(chat.stdout).toContain('Rappel : Séance 2, mardi 12 mars à 10:00, Salle des fêtes.');
    expect(chat.stdout.match(/Rappel :/g)).toHaveLength(1);
    expect(chat.stdout).toContain('vous venez');
    expect(parlons(['session', 'list', '--now', 'x']).code).not.toBe(0);
    const listed = parlons(['session', 'list']);
    expect(listed.stdout).toMatch(/Séance 2\s+Salle des fêtes\s+prévue\s+oui 1 · non 0 · peut-être 0/);
    expect(listed.stdout).toContain('1: Camille oui');
    expect(JSON.parse(parlons(['session', 'list', '--json']).stdout)[0].rsvps).toEqual([expect.objectContaining({ firstName: 'Camille', answer: 'yes' })]);
    for (const [args, message] of [
      [['session', 'add', '--start', '2030-03-12 10:00', '--end', '2030-03-12 12:00', '--place', 'x'], '--title-fr'],
      [['session', 'add', '--title-fr', 'x', '--start', '2030-03-12 10:00', '--end', '2030-03-12 09:00', '--place', 'x'], 'La fin doit venir après le début'],
      [['session', 'add', '--title-fr', 'x', '--start', '2030-03-12 10:00', '--end', '2030-03-12 12:00', '--place', 'x', '--reminders', 'soon'], 'Rappels illisibles'],
      [['session', 'edit', '9', '--place', 'x'], 'Séance introuvable'],
      [['tick', '--now', 'hier'], 'Heure illisible'],
    ] as const) {
      const refused = parlons([...args]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(message);
    }
    expect(parlons(['session', 'cancel', '1']).stdout).toContain('Séance n° 1 annulée ; 1 personne prévenue.');
    expect(parlons(['session', 'list']).stdout).toContain('Aucune séance à venir.');
  });

  test('`person erase` needs --yes, then erases', () => {
    parlons(['chat', '--as', 'camille'], lines(...REGISTRATION));
    const refused = parlons(['person', 'erase', 'console:camille']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect(JSON.parse(parlons(['volunteers', '--json']).stdout)).toHaveLength(1);
    const erased = parlons(['person', 'erase', '1', '--yes']);
    expect(erased.code).toBe(0);
    expect(JSON.parse(parlons(['volunteers', '--json']).stdout)).toEqual([]);
    expect(JSON.parse(parlons(['stats', '--json']).stdout)).toMatchObject({ people: 0, volunteers: 0 });
  });

  test('`chat --lang en` speaks English without asking', () => {
    const chat = parlons(['chat', '--as', 'sam', '--lang', 'en'], lines('hello'));
    expect(chat.stdout).toContain('I am a bot');
    expect(chat.stdout).not.toContain('Which language do you prefer?');
  });

  test('a bad setting stops start-up and names the setting', () => {
    const badLocale = parlons(['volunteers'], '', { PARLONS_LOCALE: 'de' });
    expect(badLocale.code).toBe(2);
    expect(badLocale.stderr).toContain('PARLONS_LOCALE');
    const badCity = parlons(['start'], '', { PARLONS_CITY: 'atlantis' });
    expect(badCity.code).toBe(2);
    expect(badCity.stderr).toContain('PARLONS_CITY');
    const badLevel = parlons(['stats'], '', { PARLONS_LOG_LEVEL: 'loud', PARLONS_LOCALE: 'en' });
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/Parlons cannot start, a setting is invalid:\n\s+PARLONS_LOG_LEVEL="loud"/);
  });

  test('settings are read from a .env file, and the environment overrides it', () => {
    fs.writeFileSync(path.join(dir.dir, '.env'), 'PARLONS_LOCALE=en\nPARLONS_DB=from-env-file.db\n');
    const fromFile = spawnSync(process.execPath, [CLI, 'migrate'], { cwd: dir.dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(fromFile.stdout).toContain('Database from-env-file.db migrated');
    const overridden = parlons(['migrate']);
    expect(overridden.stdout).toContain(`Database ${db} migrated`);
  });

  test('--help lists every command and setting, in the configured language', () => {
    const help = parlons(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['start', 'chat', 'migrate', 'volunteers', 'person', 'session', 'broadcast', 'outbox', 'tick', 'stats', 'PARLONS_DB', 'PARLONS_LOCALE', 'PARLONS_CITY', 'PARLONS_HUMAN_CONTACT', 'PARLONS_LOG_LEVEL', 'Utilisation :']) {
      expect(help.stdout).toContain(word);
    }
    expect(parlons(['--help'], '', { PARLONS_LOCALE: 'en' }).stdout).toContain('Usage:');
    const chatHelp = parlons(['chat', '--help']);
    for (const option of ['--db', '--as', '--lang']) expect(chatHelp.stdout).toContain(option);
    expect(parlons(['person', 'erase', '--help']).stdout).toContain('--yes');
  });

  test('a database newer than the code is refused', () => {
    fs.mkdirSync(path.dirname(db), { recursive: true });
    const handle = new Database(db);
    handle.pragma('user_version = 99');
    handle.close();
    const refused = parlons(['volunteers']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('version 99');
  });

  test('`migrate` reports what it did, then that nothing is left to do', () => {
    const latest = MIGRATIONS.at(-1)?.version;
    expect(parlons(['migrate']).stdout).toContain(`mise à jour de la version 0 à la version ${latest}`);
    expect(parlons(['migrate']).stdout).toContain(`déjà à jour (version ${latest})`);
  });

  test('an unknown command gets an error and a pointer to the help', () => {
    const wrong = parlons(['volonteers']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('parlons --help');
  });
});
