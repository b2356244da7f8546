import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, runParlons } from '../support/parlons-cli';
import { tempDir } from '../support/test-app';
import { holdWriteLock } from './parlons-process';
import { describeWithPrivateMounts, withMount } from './private-mount';

/**
 * Fault: PARLONS_DB names something unusable. Each case gives one sentence naming PARLONS_DB,
 * the file and the cause, exit code 5, and no stack trace; on a read-only file system the
 * commands that only read still work.
 */
jest.setTimeout(60_000);

let dir: { dir: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

function parlons(db: string, args: readonly string[], wrap: (argv: readonly string[]) => readonly string[] = (argv) => argv) {
  const [program = '', ...rest] = wrap([process.execPath, CLI, ...args]);
  const result = spawnSync(program, rest, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', PARLONS_DB: db }, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneSentence(stderr: string, ...parts: string[]): void {
  expect(stderr).toContain('PARLONS_DB (');
  for (const part of parts) expect(stderr).toContain(part);
  expect(stderr).not.toMatch(/SqliteError|\n\s+at /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

test('a file that is not a database', () => {
  const file = path.join(dir.dir, 'notes.db');
  fs.writeFileSync(file, 'Compte rendu de la séance du 12 mars. '.repeat(100));
  for (const args of [['volunteers'], ['migrate'], ['session', 'list'], ['stats']]) {
    const run = parlons(file, args);
    expect(run.code).toBe(5);
    expectOneSentence(run.stderr, "n'est pas une base Parlons", file);
  }
  // Left as it was.
  expect(fs.readFileSync(file, 'utf8')).toContain('Compte rendu');
});

test('a path under a regular file', () => {
  const file = path.join(dir.dir, 'a-file');
  fs.writeFileSync(file, '');
  const run = parlons(path.join(file, 'data', 'parlons.db'), ['volunteers']);
  expect(run.code).toBe(5);
  expectOneSentence(run.stderr, 'ne peut être ni ouverte ni créée', 'ENOTDIR');
});

test('a database locked by another program for longer than a command waits', () => {
  const db = path.join(dir.dir, 'parlons.db');
  expect(runParlons(dir.dir, ['migrate']).code).toBe(0);
  const lock = holdWriteLock(db);
  try {
    const run = parlons(db, ['session', 'add', '--title-fr', 'Séance', '--title-en', 'Session', '--start', '2030-01-10 10:00', '--end', '2030-01-10 12:00', '--place', 'Salle']);
    expect(run.code).toBe(5);
    expectOneSentence(run.stderr, 'verrouillée par un autre programme');
    // Reading still works while another program writes.
    expect(parlons(db, ['volunteers']).code).toBe(0);
  } finally {
    lock.release();
  }
});

describeWithPrivateMounts('a read-only file system', () => {
  test('commands that only read work; those that write say it is read-only', () => {
    const folder = path.join(dir.dir, 'ro');
    fs.mkdirSync(folder);
    const db = path.join(folder, 'parlons.db');
    const chat = spawnSync(process.execPath, [CLI, 'chat', '--as', 'camille'], {
      input: 'bonjour\n1\n1\n1\nCamille\n3 cites\n2\nfemme\n1\n1\noui\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PARLONS_DB: db },
    });
    expect(chat.status).toBe(0);
    const readOnly = withMount(folder, 'read_only');
    for (const args of [['volunteers'], ['stats'], ['outbox', '--to', 'console:camille'], ['session', 'list'], ['person', 'export', 'console:camille'], ['audit'], ['role', 'list']]) {
      const run = parlons(db, args, readOnly);
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
    expect(parlons(db, ['volunteers'], readOnly).stdout).toContain('Camille');
    const write = parlons(db, ['session', 'add', '--title-fr', 'Séance', '--title-en', 'Session', '--start', '2030-01-10 10:00', '--end', '2030-01-10 12:00', '--place', 'Salle'], readOnly);
    expect(write.code).toBe(5);
    expectOneSentence(write.stderr, 'lecture seule');
    const tick = parlons(db, ['tick'], readOnly);
    expect(tick.code).toBe(5);
    expectOneSentence(tick.stderr, 'lecture seule');
  });
});
