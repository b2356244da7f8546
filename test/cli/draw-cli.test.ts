import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../src/app/create-app';
import { loadSettings } from '../../src/config/settings';
import type { VolunteerProfile } from '../../src/domain/profile';
import { silentLogger } from '../../src/lib/logger';
import { eachCliFolder, ROOT, runParlons } from '../support/parlons-cli';
import { tempDir } from '../support/test-app';

/**
 * `parlons draw` end to end, as a city's agent would use it: the built CLI in child processes on
 * a real database file; people drawn answer in the console chat. The pool is written directly
 * (registering 24 people through the chat is what test/draws does).
 */
const folder = eachCliFolder();
const parlons = folder.parlons;

/** 24 volunteers of varied neighbourhoods, ages, genders and equipment, each with a console chat. */
function seedVolunteers(dir: string): void {
  const app = createApp(loadSettings({ PARLONS_DB: path.join(dir, 'parlons.db') }), { logger: silentLogger });
  const now = new Date();
  const neighbourhoods = ['trois_cites', 'centre_ville', 'couronneries'];
  const ages = ['16_24', '35_49', '65_79'] as const;
  for (let i = 0; i < 24; i++) {
    const id = app.store.people.create('fr', now);
    const contact = app.store.contacts.create(id, 'console', `p${i}`, now);
    const profile: VolunteerProfile = {
      firstName: `P${i}`,
      neighbourhood: neighbourhoods[i % 3] as string,
      ageBracket: ages[Math.floor(i / 3) % 3] as (typeof ages)[number],
      gender: i % 2 === 0 ? 'woman' : 'man',
      equipment: i % 5 === 0 ? 'none' : 'smartphone',
      reminders: 'this_contact',
    };
    app.store.people.registerVolunteer(id, profile, contact.id, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now.toISOString(), method: 'chat' }, now);
  }
  app.close();
}

const QUOTAS = `
name: { fr: Panel d'essai, en: Trial panel }
pool: volunteers
panel_size: 6
seed_source: "Trois dés lancés en public le 5 décembre"
about: { fr: "Deux soirées.", en: "Two evenings." }
categories:
  gender:
    values: { woman: { min: 3, max: 3 }, man: { min: 3, max: 3 }, other: { min: 0, max: 0 }, undisclosed: { min: 0, max: 0 } }
  equipment:
    values: { smartphone: { min: 0, max: 6 }, computer: { min: 0, max: 6 }, none: { min: 1, max: 2 } }
`;

function writeFile(name: string, content: string): string {
  const file = path.join(folder.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('prepare prints the commitment; run draws and invites; answers in chat; status; export; verify from the file alone', () => {
  seedVolunteers(folder.dir);
  const prepared = parlons(['draw', 'prepare', writeFile('quotas.yaml', QUOTAS), '--compare-legacy', '200']);
  expect(prepared.stderr).toBe('');
  expect(prepared.code).toBe(0);
  expect(prepared.stdout).toContain("Tirage n° 1 « Panel d'essai » préparé : 6 places parmi 24 personnes.");
  expect(prepared.stdout).toMatch(/Engagement \(SHA-256\) : [0-9a-f]{64}/);
  expect(prepared.stdout).toMatch(/Chance d'être tiré·e : de [\d,]+\s% \(la plus petite\) à [\d,]+\s% \(la plus grande\)/);
  expect(prepared.stdout).toContain('Ancienne méthode gloutonne, pour comparer');
  const commitment = /Engagement \(SHA-256\) : ([0-9a-f]{64})/.exec(prepared.stdout)?.[1];

  const dry = parlons(['draw', 'run', '1', '--seed', '3 5 6', '--dry-run']);
  expect(dry.stdout).toContain('Essai : rien n\'est enregistré');
  const run = parlons(['draw', 'run', '1', '--seed', '3 5 6']);
  expect(run.code).toBe(0);
  // The dry run showed exactly the panel the real run drew.
  expect(run.stdout.split('\n').slice(0, 10)).toEqual(dry.stdout.split('\n').slice(0, 10));
  expect(run.stdout).toContain('6 invitation(s) envoyée(s) sur le canal de chacun');
  expect(parlons(['draw', 'run', '1', '--seed', '3 5 6']).stderr).toContain('a déjà eu lieu');

  const drawn = [...run.stdout.matchAll(/^([0-9A-Z]{4}-[0-9A-Z]{4}) /gm)].map((m) => m[1]);
  expect(drawn).toHaveLength(6);
  // Each person drawn reads the invitation when opening the chat; one declines.
  const status0 = JSON.parse(parlons(['draw', 'status', '1', '--json']).stdout) as { seats: { pseudonym: string }[] };
  expect(status0.seats.map((s) => s.pseudonym).sort()).toEqual([...drawn].sort());

  const exported = path.join(folder.dir, 'draw.json');
  expect(parlons(['draw', 'export', '1', '--output', exported]).stdout).toContain('aucune donnée nominative');
  const record = fs.readFileSync(exported, 'utf8');
  expect(record).toContain(commitment);
  expect(record).not.toMatch(/"P\d+"|console|first_?name/i);

  // verify, in another folder, with no database and no settings at all.
  const elsewhere = tempDir();
  try {
    fs.copyFileSync(exported, path.join(elsewhere.dir, 'draw.json'));
    const verified = runParlons(elsewhere.dir, ['draw', 'verify', 'draw.json']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('[OK] la graine donne le nombre');
    expect(verified.stdout).toContain('Tout correspond : ce tirage a été fait comme annoncé.');
    expect(fs.readdirSync(elsewhere.dir)).toEqual(['draw.json']);
    // One byte changed: a digit of a probability.
    const at = record.indexOf('"probability": 0.') + '"probability": 0.'.length;
    const digit = record[at] === '9' ? '8' : String(Number(record[at]) + 1);
    fs.writeFileSync(path.join(elsewhere.dir, 'draw.json'), record.slice(0, at) + digit + record.slice(at + 1));
    const tampered = runParlons(elsewhere.dir, ['draw', 'verify', 'draw.json']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('[ÉCHEC] rien n\'a été modifié depuis l\'export');
    expect(tampered.stderr).toContain('ce registre ne correspond pas à un tirage fait comme annoncé');
  } finally {
    elsewhere.cleanup();
  }
});

test('declines are replaced within the quotas, and status shows each category against its quota', () => {
  seedVolunteers(folder.dir);
  parlons(['draw', 'prepare', writeFile('quotas.yaml', QUOTAS)]);
  const run = parlons(['draw', 'run', '1', '--seed', 'public seed']);
  const status = JSON.parse(parlons(['draw', 'status', '1', '--json']).stdout) as { seats: { pseudonym: string }[] };
  expect(status.seats).toHaveLength(6);
  expect(parlons(['draw', 'replace', '1']).stdout).toContain('Aucune place libre');
  // Who is behind the first two pseudonyms: only the database knows.
  const app = createApp(loadSettings({ PARLONS_DB: path.join(folder.dir, 'parlons.db') }), { logger: silentLogger });
  const members = app.store.draws.members(1);
  const names = status.seats.slice(0, 2).map((s) => app.store.contacts.forPerson(members.get(s.pseudonym) ?? -1)[0]?.address ?? '');
  app.close();
  for (const name of names) {
    const chat = parlons(['chat', '--as', name], 'je refuse\n');
    expect(chat.stdout).toContain('vous avez été tiré·e au sort pour « Panel d\'essai »');
    expect(chat.stdout).toContain('Votre place sera proposée à une autre personne');
  }
  const replaced = parlons(['draw', 'replace', '1']);
  expect(replaced.code).toBe(0);
  expect(replaced.stdout).toContain('Tour de remplacement n° 1 (graine « public seed/replacement-1 ») : 2 personne(s) tirée(s)');
  const text = parlons(['draw', 'status', '1']).stdout;
  expect(text).toContain('Invitées : 8 (dont 2 en 1 tour(s) de remplacement) ; ont accepté : 0 ; ont refusé : 2');
  expect(text).toMatch(/gender +woman +3–3 +0 +3/);
  expect(text).toContain('Les places tenues (acceptées ou en attente) respectent tous les quotas.');
  expect(run.code).toBe(0);
});

test('a quotas file with problems lists them all; quotas no panel meets are explained with the smallest relaxation', () => {
  seedVolunteers(folder.dir);
  const bad = parlons(['draw', 'prepare', writeFile('bad.yaml', QUOTAS.replace('pool: volunteers', 'pool: everyone').replace('min: 1, max: 2 }', 'min: 3, max: 2 }'))]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('contient 2 problèmes');
  expect(bad.stderr).toContain('pool : vivier « everyone » inconnu');
  expect(bad.stderr).toContain('le minimum 3 dépasse le maximum 2');
  // Only 5 people have no equipment (every fifth): 6 seats without equipment cannot be filled.
  const impossible = parlons(['draw', 'prepare', writeFile('hard.yaml', QUOTAS.replace('none: { min: 1, max: 2 }', 'none: { min: 6, max: 6 }').replace('smartphone: { min: 0, max: 6 }', 'smartphone: { min: 0, max: 0 }'))]);
  expect(impossible.code).toBe(1);
  expect(impossible.stderr).toContain('Aucun panel de 6 personnes ne respecte ces quotas avec ce vivier (24 personnes).');
  expect(impossible.stderr).toContain('Quotas impossibles à eux seuls : equipment.');
  expect(impossible.stderr).toContain('Le plus petit assouplissement qui rend le tirage possible :');
  expect(impossible.stderr).toMatch(/equipment (none : minimum 6 → 5|smartphone : maximum 0 → 1)/);
  expect(parlons(['draw', 'list']).stdout).toContain('Aucun tirage.');
});

test('--help explains the draw command', () => {
  const help = parlons(['draw', '--help']);
  expect(help.stdout).toContain('prepare');
  expect(help.stdout).toContain('verify');
  expect(fs.existsSync(path.join(ROOT, 'data', 'draws', 'convention.yaml'))).toBe(true);
});
