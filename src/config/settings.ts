import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { City } from '../domain/city';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { LOG_LEVELS, type LogLevel } from '../lib/logger';
import { CityFileError, loadCity } from './city';

/** Parlons' settings, read from the environment or a `.env` file. Every one is listed in `.env.example`. */
export interface Settings {
  /** SQLite database file (`:memory:` for a throw-away one). */
  readonly dbFile: string;
  /** The language of people who have not chosen one, and of the CLI. */
  readonly defaultLanguage: Language;
  readonly city: City;
  /** How to reach a person: offered after repeated misunderstandings and in help. */
  readonly humanContact: string;
  readonly logLevel: LogLevel;
}

/** The names of every setting, as written in the environment. */
export const SETTING_NAMES = ['PARLONS_DB', 'PARLONS_LOCALE', 'PARLONS_CITY', 'PARLONS_HUMAN_CONTACT', 'PARLONS_LOG_LEVEL'] as const;

const schema = z.object({
  PARLONS_DB: z.string().min(1).default('data/parlons.db'),
  PARLONS_LOCALE: z.enum(SUPPORTED_LANGUAGES).default('fr'),
  PARLONS_CITY: z.string().min(1).default('poitiers'),
  PARLONS_HUMAN_CONTACT: z.string().trim().min(1).optional(),
  PARLONS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

/** A setting has a value Parlons cannot use; the message names it and says what is expected. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/**
 * The environment Parlons reads: variables from `.env` in `cwd` (if the file exists), overridden
 * by the real environment, so a deployment can always override the file.
 */
export function readEnvironment(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = path.join(cwd, '.env');
  const fromFile = fs.existsSync(file) ? parseEnv(fs.readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...env };
}

/** Validates the settings; throws a SettingsError naming every bad one. Empty values count as unset. */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const present = Object.fromEntries(SETTING_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}=${JSON.stringify(present[String(issue.path[0])])}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  let city: City;
  try {
    city = loadCity(values.PARLONS_CITY);
  } catch (error) {
    if (error instanceof CityFileError) throw new SettingsError([`PARLONS_CITY=${JSON.stringify(values.PARLONS_CITY)}: ${error.message}`]);
    throw error;
  }
  return {
    dbFile: values.PARLONS_DB,
    defaultLanguage: values.PARLONS_LOCALE,
    city,
    humanContact: values.PARLONS_HUMAN_CONTACT ?? city.humanContact,
    logLevel: values.PARLONS_LOG_LEVEL,
  };
}
