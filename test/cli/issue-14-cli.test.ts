import path from 'node:path';
import { eachCliFolder, REGISTER_MARIE, ROOT } from '../support/parlons-cli';

/**
 * The operators' side of what residents see: a consultation closed in the middle of a ballot,
 * `outbox` showing what was sent as sent, sessions refused in the past or at a time that
 * happens twice, cancellations counting people told through their mediators, consultation files
 * checked whole.
 */
const folder = eachCliFolder();
const parlons = folder.parlons;
const NOW = '2026-12-02 10:00';
const chat = (who: string, ...messages: string[]) => parlons(['chat', '--as', who, '--now', NOW], `${messages.join('\n')}\n`);

test('a resident in the middle of a ballot when the consultation closes is told so, and goes on', () => {
  expect(parlons(['consultation', 'create', path.join(ROOT, 'data', 'consultations', 'example.yaml')]).code).toBe(0);
  expect(parlons(['consultation', 'open', '1']).code).toBe(0);
  expect(chat('zoe', 'bonjour', '1', 'CONSULTATION', '1', '1', '1', 'oui').stdout).toContain('Question 2/5');
  expect(parlons(['consultation', 'close', '1']).code).toBe(0);
  const after = chat('zoe', 'MENU');
  expect(after.code).toBe(0);
  expect(after.stderr).toBe('');
  expect(after.stdout).toContain('Cette consultation est close');
  const again = chat('zoe', '1');
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('Merci de vouloir participer');
});

test('outbox shows what was sent, in the language it was sent in, not re-rendered in today\'s', () => {
  chat('zoe', 'bonjour', '1');
  chat('zoe', 'LANGUE', '2');
  const rows = JSON.parse(parlons(['outbox', '--to', 'console:zoe', '--json']).stdout) as { text: string; as: string }[];
  expect(rows[0]).toMatchObject({ as: 'sent' });
  expect(rows.map((r) => r.text).join('\n')).toContain('Je suis un robot');
  expect(rows.at(-1)?.text).toContain('What would you like to do?');
});

describe('sessions', () => {
  const session = ['session', 'add', '--title-fr', 'Séance', '--end', '2030-01-10 12:00', '--place', 'Salle'];

  test('a start already past is refused, unless --past says it is recorded after the fact', () => {
    const refused = parlons([...session, '--start', '2020-01-10 10:00', '--end', '2020-01-10 12:00']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('commencerait dans le passé');
    expect(parlons([...session, '--start', '2020-01-10 10:00', '--end', '2020-01-10 12:00', '--past']).code).toBe(0);
  });

  test('a time that happens twice when clocks go back is not guessed: both are offered; an offset chooses', () => {
    const twice = parlons([...session, '--start', '2030-10-27 02:30', '--end', '2030-10-27 04:00']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('arrive deux fois');
    expect(twice.stderr).toContain('2030-10-27 02:30+02:00');
    expect(twice.stderr).toContain('2030-10-27 02:30+01:00');
    expect(parlons([...session, '--start', '2030-10-27 02:30+01:00', '--end', '2030-10-27 04:00']).code).toBe(0);
  });

  test('a cancellation counts the person told through their mediator\'s digest', () => {
    expect(parlons(['role', 'grant', 'console:jeanne', 'mediator', '--organisation', 'Centre social']).code).toBe(0);
    expect(parlons([...session, '--start', '2030-01-10 10:00']).code).toBe(0);
    // Jeanne registers Marie, who has no phone, then answers for her that she will come.
    const acting = chat('jeanne', 'bonjour', '1', ...REGISTER_MARIE, 'séances', '1', '1', 'fin');
    expect(acting.stdout).toContain('Votre réponse : pas encore donnée');
    const cancelled = parlons(['session', 'cancel', '1']);
    expect(cancelled.stdout).toContain('Séance n° 1 annulée ; 1 personne prévenue.');
    expect(cancelled.stdout).toContain('Dont 1 personne sans téléphone ni internet, prévenue par ses médiateurs (bilan quotidien).');
  });
});

test('consultation create lists every problem at once, each with its line', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const source = fs
    .readFileSync(path.join(ROOT, 'data', 'consultations', 'example.yaml'), 'utf8')
    .replace('  en: Getting around the neighbourhoods\n', '')
    .replace('closes: 2026-12-15 18:00', 'closes: 2026-12-15 18:61')
    .replace('    max: 2', '    max: 5')
    .replace('  - id: remarque', '  - id: trajet');
  fs.writeFileSync(path.join(folder.dir, 'bad.yaml'), source);
  const run = parlons(['consultation', 'create', 'bad.yaml']);
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('  - '));
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^ {2}- ligne 4 \(title\.en\)/);
  expect(lines[1]).toMatch(/^ {2}- ligne 10 \(closes\) : heure illisible/);
  expect(lines[2]).toMatch(/^ {2}- ligne \d+ \(questions\.2\.max\) : max vaut 5 mais la question n'a que 3 options/);
  expect(lines[3]).toMatch(/^ {2}- ligne \d+ \(questions\.4\.id\)/);
});
