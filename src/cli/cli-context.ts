import { createApp, type App } from '../app/create-app';
import { loadSettings, readEnvironment, type Settings } from '../config/settings';
import { isLanguage, type Language } from '../domain/language';
import type { TextParam } from '../domain/text';
import { loadTranslator, type Translator } from '../i18n/translator';
import { clockStartingAt, type Clock } from '../lib/clock';
import { createLogger, type LogLevel } from '../lib/logger';
import { takeServingLock } from '../store/serving-lock';
import { namingFile } from '../store/store-problem';
import { cliTime } from './cli-time';

/** A failure the CLI reports as one clear line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** How a command wants the app opened. */
export interface OpenOptions {
  readonly quietLogLevel?: (settings: Settings) => LogLevel | undefined;
  readonly now?: string;
  /** `read`: the command only reads (it works on a read-only or full disk). Default `write`. */
  readonly access?: 'read' | 'write';
  /**
   * The command sends from the database (start, tick): it takes the serving lock first, and is
   * refused before touching anything while another live process holds it.
   */
  readonly serves?: (settings: Settings) => boolean;
}

/** How long a serving process's writes wait for another connection's lock: it retries later rather than freeze its event loop. */
const SERVING_BUSY_TIMEOUT_MS = 1_000;

/** What every command gets: the environment, a translator for its own words, and its output. */
export interface CliContext {
  readonly env: Record<string, string | undefined>;
  /** Translates a CLI text (`cli` namespace) in the operator's language. */
  t(key: string, params?: Record<string, TextParam>): string;
  readonly translator: Translator;
  readonly language: Language;
  out(text: string): void;
  err(text: string): void;
  /**
   * Opens the app, runs `work` with it, and closes it whatever happens. `db` overrides
   * PARLONS_DB; settings are validated here. `quietLogLevel` gives the log level to use when
   * PARLONS_LOG_LEVEL is not set (the chat keeps the terminal clean); `now`, a time on the
   * city's clock, runs the app as if it were that time; `access` and `serves`, see OpenOptions.
   */
  withApp<T>(db: string | undefined, options: OpenOptions, work: (app: App) => T | Promise<T>): Promise<T>;
}

/**
 * Builds the CLI context. The language of the CLI is PARLONS_LOCALE when it is valid; an invalid
 * one still lets `--help` work, and is reported when a command needs the settings.
 */
export function createCliContext(env = readEnvironment()): CliContext {
  const language: Language = isLanguage(env.PARLONS_LOCALE) ? env.PARLONS_LOCALE : 'fr';
  const translator = loadTranslator(language);
  return {
    env,
    language,
    translator,
    t: (key, params) => translator.render({ key: `cli:${key}`, ...(params ? { params } : {}) }, language),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    withApp: async (db, options, work) => {
      const settings = loadSettings(db ? { ...env, PARLONS_DB: db } : env);
      const level = env.PARLONS_LOG_LEVEL ? settings.logLevel : (options.quietLogLevel?.(settings) ?? settings.logLevel);
      let clock: Clock | undefined;
      if (options.now !== undefined) {
        clock = clockStartingAt(cliTime((key, params) => translator.render({ key: `cli:${key}`, ...(params ? { params } : {}) }, language), options.now, settings.city.timeZone));
      }
      const serves = options.serves?.(settings) ?? false;
      const lock = serves ? takeServingLock(settings.dbFile) : null;
      try {
        const app = createApp(settings, {
          logger: createLogger(level),
          ...(clock ? { clock } : {}),
          ...(options.access ? { access: options.access } : {}),
          ...(serves ? { busyTimeoutMs: SERVING_BUSY_TIMEOUT_MS } : {}),
        });
        try {
          return await work(app);
        } catch (error) {
          // A database error met by the command itself names the file, as one at opening does.
          throw namingFile(settings.dbFile, error);
        } finally {
          app.close();
        }
      } finally {
        lock?.release();
      }
    },
  };
}
