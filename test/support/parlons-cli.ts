import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './test-app';

/** The project's root folder. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI (`npm test` builds first). */
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** What a run of the CLI printed, and its exit code. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `parlons` in `dir`, on the database `dir/parlons.db`, with `input` on its standard input and settings `env`. */
export function runParlons(dir: string, args: readonly string[], input = '', env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PARLONS_DB: path.join(dir, 'parlons.db'), ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI run in a fresh folder (and database) for each test of the calling file. */
export interface CliFolder {
  /** The current test's folder. */
  readonly dir: string;
  /** Runs the built `parlons` there (see runParlons). */
  parlons(args: readonly string[], input?: string): CliRun;
}

/** A temporary folder per test of the calling file, created before each test and removed after. */
export function eachCliFolder(): CliFolder {
  let current: { dir: string; cleanup: () => void } | null = null;
  beforeEach(() => {
    current = tempDir();
  });
  afterEach(() => {
    current?.cleanup();
    current = null;
  });
  const dir = (): string => {
    if (!current) throw new Error('the folder exists only while a test runs');
    return current.dir;
  };
  return {
    get dir() {
      return dir();
    },
    parlons: (args, input = '') => runParlons(dir(), args, input),
  };
}

/** A mediator's chat: the mediation desk, "register someone", a paper form numbered 42, the notice accepted, Marie's profile (Trois-Cités, 80+, woman, no equipment, reminders through the mediator), confirmed. */
export const REGISTER_MARIE = ['relais', '1', '1', 'Formulaire 42', '1', 'Marie', '13', '6', '1', '3', '1', '1'] as const;
