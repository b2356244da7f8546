import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { City } from '../domain/city';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { LOG_LEVELS, type LogLevel } from '../lib/logger';
import type { CountryCode } from 'libphonenumber-js/min';
import { toE164 } from '../lib/phone-number';
import { parseClockTime } from '../lib/clock-time';
import { parseQuietHours, type QuietHours } from '../lib/quiet-hours';
import { parseReminderOffsets } from '../lib/reminder-offsets';
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
  /** When bulk messages (reminders, notices) are held, on the city's clock; null: never. */
  readonly quietHours: QuietHours | null;
  /** Minutes before a session at which reminders go, unless the session sets its own. */
  readonly reminderOffsets: readonly number[];
  /** Reminders only to people who said yes or maybe (else to every volunteer who did not say no). */
  readonly remindAnsweredOnly: boolean;
  /** When mediators get the day's digest for the people they support: minutes after midnight, on the city's clock. */
  readonly mediatorDigestTime: number;
  /** The Telegram channel, when a bot token is set. */
  readonly telegram: TelegramSettings | null;
  /** The Matrix channel, when a homeserver and an access token are set. */
  readonly matrix: MatrixSettings | null;
  /** The SMS channel, when a provider is chosen. */
  readonly sms: SmsSettings | null;
  readonly backup: BackupSettings;
  /** The web face: public pages and the agents' back-office. */
  readonly web: WebSettings;
}

/** Backups: `parlons backup`, `restore`, and those `parlons start` takes every day. */
export interface BackupSettings {
  /** Where `parlons start` puts its daily backups; null: it takes none. */
  readonly dir: string | null;
  /** When, in minutes after midnight on the city's clock. */
  readonly time: number;
  /** How many daily backups are kept. */
  readonly keep: number;
  /** The passphrase that encrypts backups (and opens encrypted ones); null: backups are not encrypted. */
  readonly key: string | null;
}

/** Where the web face listens, and the address people reach it at. */
export interface WebSettings {
  /** Where this process serves the web face; null when PARLONS_WEB_LISTEN is `off`. */
  readonly listen: { readonly host: string; readonly port: number } | null;
  /**
   * The address people open (behind the city's reverse proxy), without a trailing slash: sign-in
   * links and QR codes are built on it, never on a request's Host header. Null when the web face
   * is off and no address is set: no sign-in link can then be given.
   */
  readonly url: string | null;
}

/** How Parlons reaches a Matrix homeserver, as the bot's account. */
export interface MatrixSettings {
  readonly homeserverUrl: string;
  readonly accessToken: string;
  /** Messages per second the bot's account may send (0: no limit). */
  readonly rateLimit: number;
  /** End-to-end encryption in direct chats; null when turned off (MATRIX_E2EE=off). */
  readonly e2ee: MatrixE2eeSettings | null;
}

/** End-to-end encryption on Matrix. */
export interface MatrixE2eeSettings {
  /** Protects the bot's keys in the database. */
  readonly passphrase: string;
  /** The bot account's password, only for a homeserver that asks for it to publish cross-signing keys. */
  readonly accountPassword: string | null;
  /** How long an encrypted message waits for its key before the person is asked to send it again. */
  readonly undecryptableWaitMs: number;
}

/** The SMS channel: one provider, and how texts are prepared. */
export interface SmsSettings {
  readonly provider: GammuSettings | TwilioSettings;
  /** Messages per second (0: no limit). */
  readonly rateLimit: number;
  /** Replace characters outside GSM-7 (’ œ ê…): an SMS then holds 160 characters rather than 70. */
  readonly transliterate: boolean;
  /** The number residents text (SMS_SENDER when it is a number), shown on the public pages; null when unknown. */
  readonly publicNumber: string | null;
}

/** A GSM modem through Gammu SMSD (files service). */
export interface GammuSettings {
  readonly kind: 'gammu';
  readonly configFile: string;
  readonly injectCommand: string;
}

/** An HTTP provider with Twilio's API. */
export interface TwilioSettings {
  readonly kind: 'twilio';
  readonly accountSid: string;
  readonly authToken: string;
  readonly apiBase: string;
  readonly from: string;
  readonly webhook: { readonly url: string; readonly host: string; readonly port: number };
}

/** How Parlons reaches the Telegram Bot API. */
export interface TelegramSettings {
  readonly token: string;
  readonly apiRoot: string | null;
  /** Webhook mode; null for long polling. */
  readonly webhook: { readonly url: string; readonly host: string; readonly port: number; readonly secret: string } | null;
  /** Messages per second over all chats (0: no limit). */
  readonly rateLimit: number;
  /** Messages per second in one chat (0: no limit). */
  readonly chatRateLimit: number;
}

/** The names of every setting, as written in the environment. */
export const SETTING_NAMES = [
  'PARLONS_DB',
  'PARLONS_LOCALE',
  'PARLONS_CITY',
  'PARLONS_HUMAN_CONTACT',
  'PARLONS_LOG_LEVEL',
  'PARLONS_QUIET_HOURS',
  'PARLONS_REMINDERS',
  'PARLONS_REMINDER_AUDIENCE',
  'PARLONS_MEDIATOR_DIGEST_TIME',
  'PARLONS_BACKUP_DIR',
  'PARLONS_BACKUP_TIME',
  'PARLONS_BACKUP_KEEP',
  'PARLONS_BACKUP_KEY',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_LISTEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_RATE_LIMIT',
  'TELEGRAM_CHAT_RATE_LIMIT',
  'MATRIX_HOMESERVER_URL',
  'MATRIX_ACCESS_TOKEN',
  'MATRIX_RATE_LIMIT',
  'MATRIX_E2EE',
  'MATRIX_CRYPTO_PASSPHRASE',
  'MATRIX_ACCOUNT_PASSWORD',
  'MATRIX_UNDECRYPTABLE_WAIT',
  'SMS_PROVIDER',
  'SMS_GAMMU_CONFIG',
  'SMS_GAMMU_INJECT',
  'SMS_TWILIO_ACCOUNT_SID',
  'SMS_TWILIO_AUTH_TOKEN',
  'SMS_TWILIO_API_BASE',
  'SMS_TWILIO_WEBHOOK_URL',
  'SMS_TWILIO_WEBHOOK_LISTEN',
  'SMS_SENDER',
  'SMS_RATE_LIMIT',
  'SMS_TRANSLITERATE',
  'PARLONS_WEB_LISTEN',
  'PARLONS_WEB_URL',
] as const;

/** The bot's secret keys are only as safe as this passphrase. */
const MIN_PASSPHRASE_LENGTH = 16;

const rate = z.coerce.number({ error: 'a number of messages per second expected (0: no limit)' }).min(0).max(10_000);

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL expected' });

const listenAddress = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port expected, such as 127.0.0.1:8080');

const schema = z.object({
  PARLONS_DB: z.string().min(1).default('data/parlons.db'),
  PARLONS_LOCALE: z.enum(SUPPORTED_LANGUAGES).default('fr'),
  PARLONS_CITY: z.string().min(1).default('poitiers'),
  PARLONS_HUMAN_CONTACT: z.string().trim().min(1).optional(),
  PARLONS_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PARLONS_QUIET_HOURS: z
    .string()
    .refine((value) => value === 'off' || parseQuietHours(value) !== null, 'HH:MM-HH:MM expected, such as 21:30-08:00, or off')
    .default('21:30-08:00'),
  PARLONS_REMINDERS: z
    .string()
    .refine((value) => parseReminderOffsets(value) !== null, 'offsets such as 7d,1d,2h expected, or none')
    .default('7d,1d,2h'),
  PARLONS_REMINDER_AUDIENCE: z.enum(['not_declined', 'answered']).default('not_declined'),
  PARLONS_MEDIATOR_DIGEST_TIME: z
    .string()
    .refine((value) => parseClockTime(value) !== null, 'HH:MM expected, such as 18:00')
    .default('18:00'),
  PARLONS_BACKUP_DIR: z.string().min(1).optional(),
  PARLONS_BACKUP_TIME: z
    .string()
    .refine((value) => parseClockTime(value) !== null, 'HH:MM expected, such as 03:30')
    .default('03:30'),
  PARLONS_BACKUP_KEEP: z.coerce.number({ error: 'a number of backups expected, such as 7' }).int('a whole number expected').min(1).max(1000).default(7),
  // Long enough to resist guessing by someone who has a backup file: it is all that protects it.
  PARLONS_BACKUP_KEY: z.string().min(16, 'a passphrase of at least 16 characters expected').optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\S+:\S+$/, 'a token from BotFather expected, such as 123456:ABC-DEF…').optional(),
  TELEGRAM_API_ROOT: httpUrl.optional(),
  TELEGRAM_WEBHOOK_URL: httpUrl.optional(),
  TELEGRAM_WEBHOOK_LISTEN: listenAddress.default('127.0.0.1:8080'),
  // NOTE: https://core.telegram.org/bots/api#setwebhook — 1 to 256 of A-Z, a-z, 0-9, _ and -.
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1 to 256 letters, digits, _ or - expected').optional(),
  // NOTE: https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this —
  // about 30 messages per second overall, and about one per second in a chat.
  TELEGRAM_RATE_LIMIT: rate.default(30),
  TELEGRAM_CHAT_RATE_LIMIT: rate.default(1),
  MATRIX_HOMESERVER_URL: httpUrl.optional(),
  MATRIX_ACCESS_TOKEN: z.string().regex(/^\S+$/, 'an access token expected (see the README: Matrix), without spaces').optional(),
  // NOTE: https://element-hq.github.io/synapse/latest/usage/configuration/config_documentation.html#rc_message —
  // Synapse lets an account send 0.2 messages per second (burst of 10) unless exempted.
  MATRIX_RATE_LIMIT: rate.default(0.2),
  MATRIX_E2EE: z.enum(['on', 'off']).default('on'),
  MATRIX_CRYPTO_PASSPHRASE: z
    .string()
    .refine((value) => [...value].length >= MIN_PASSPHRASE_LENGTH, `at least ${MIN_PASSPHRASE_LENGTH} characters expected (e.g. openssl rand -base64 24)`)
    .optional(),
  MATRIX_ACCOUNT_PASSWORD: z.string().optional(),
  // NOTE: a key usually comes with its message, or a few seconds after over federation.
  MATRIX_UNDECRYPTABLE_WAIT: z.coerce.number({ error: 'a number of seconds expected' }).int('a whole number of seconds expected').min(0).max(86_400).default(30),
  SMS_PROVIDER: z.enum(['gammu', 'twilio']).optional(),
  SMS_GAMMU_CONFIG: z.string().min(1).optional(),
  SMS_GAMMU_INJECT: z.string().min(1).default('gammu-smsd-inject'),
  SMS_TWILIO_ACCOUNT_SID: z.string().regex(/^\S+$/, 'an account id expected, such as AC0123…').optional(),
  SMS_TWILIO_AUTH_TOKEN: z.string().regex(/^\S+$/, 'the auth token expected').optional(),
  SMS_TWILIO_API_BASE: httpUrl.default('https://api.twilio.com'),
  SMS_TWILIO_WEBHOOK_URL: httpUrl.optional(),
  SMS_TWILIO_WEBHOOK_LISTEN: listenAddress.default('127.0.0.1:8081'),
  SMS_SENDER: z.string().min(1).optional(),
  // NOTE: a long code sends about one segment a second; a modem, a few messages a minute.
  SMS_RATE_LIMIT: rate.default(1),
  SMS_TRANSLITERATE: z.enum(['on', 'off']).default('on'),
  PARLONS_WEB_LISTEN: z.union([z.literal('off'), listenAddress]).default('127.0.0.1:8090'),
  PARLONS_WEB_URL: httpUrl
    .refine((value) => !/[?#]/.test(value), 'an address without ? or # expected, such as https://parlons.example.org')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
});

type RawSettings = z.infer<typeof schema>;

function telegramSettings(values: RawSettings): TelegramSettings | null {
  const token = values.TELEGRAM_BOT_TOKEN;
  if (!token) {
    const orphan = (['TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'] as const).find((name) => values[name] !== undefined);
    if (orphan) throw new SettingsError([`${orphan}: set TELEGRAM_BOT_TOKEN too, or remove it`]);
    return null;
  }
  const url = values.TELEGRAM_WEBHOOK_URL;
  const [host = '', port = ''] = values.TELEGRAM_WEBHOOK_LISTEN.split(':');
  return {
    token,
    apiRoot: values.TELEGRAM_API_ROOT ?? null,
    webhook: url
      ? { url, host, port: Number(port), secret: values.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString('hex') }
      : null,
    rateLimit: values.TELEGRAM_RATE_LIMIT,
    chatRateLimit: values.TELEGRAM_CHAT_RATE_LIMIT,
  };
}

function matrixSettings(values: RawSettings): MatrixSettings | null {
  const homeserverUrl = values.MATRIX_HOMESERVER_URL;
  const accessToken = values.MATRIX_ACCESS_TOKEN;
  if (!homeserverUrl && !accessToken) return null;
  if (!homeserverUrl) throw new SettingsError(['MATRIX_ACCESS_TOKEN: set MATRIX_HOMESERVER_URL too, or remove it']);
  if (!accessToken) throw new SettingsError(['MATRIX_HOMESERVER_URL: set MATRIX_ACCESS_TOKEN too, or remove it']);
  const passphrase = values.MATRIX_CRYPTO_PASSPHRASE;
  if (values.MATRIX_E2EE === 'on' && !passphrase) {
    throw new SettingsError([
      `MATRIX_CRYPTO_PASSPHRASE: required with end-to-end encryption (MATRIX_E2EE=on, the default): a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters that protects the bot's keys in the database, kept somewhere safe (README: Matrix); or MATRIX_E2EE=off`,
    ]);
  }
  const e2ee = values.MATRIX_E2EE === 'on' && passphrase ? { passphrase, accountPassword: values.MATRIX_ACCOUNT_PASSWORD ?? null, undecryptableWaitMs: values.MATRIX_UNDECRYPTABLE_WAIT * 1000 } : null;
  return { homeserverUrl, accessToken, rateLimit: values.MATRIX_RATE_LIMIT, e2ee };
}

/** The settings `names` that are missing, as problems naming what needs them. */
function missing(values: RawSettings, names: readonly (keyof RawSettings)[], neededBy: string): string[] {
  return names.filter((name) => values[name] === undefined).map((name) => `${name}: required with ${neededBy}`);
}

function smsSettings(values: RawSettings, country: string): SmsSettings | null {
  const kind = values.SMS_PROVIDER;
  if (!kind) return null;
  // An alphanumeric sender ("POITIERS") is allowed; a number is stored in E.164.
  const sender = values.SMS_SENDER ?? '';
  const isNumber = /^[+\d\s().-]+$/.test(sender);
  const from = isNumber ? toE164(sender, country as CountryCode) : sender;
  const common = { rateLimit: values.SMS_RATE_LIMIT, transliterate: values.SMS_TRANSLITERATE === 'on', publicNumber: isNumber ? from : null };
  if (kind === 'gammu') {
    if (sender !== '' && !from) throw new SettingsError([`SMS_SENDER=${JSON.stringify(sender)}: a phone number expected, such as +33612345678`]);
    const problems = missing(values, ['SMS_GAMMU_CONFIG'], 'SMS_PROVIDER=gammu');
    if (problems.length > 0) throw new SettingsError(problems);
    return { ...common, provider: { kind, configFile: values.SMS_GAMMU_CONFIG ?? '', injectCommand: values.SMS_GAMMU_INJECT } };
  }
  const needed = ['SMS_TWILIO_ACCOUNT_SID', 'SMS_TWILIO_AUTH_TOKEN', 'SMS_TWILIO_WEBHOOK_URL', 'SMS_SENDER'] as const;
  const problems = missing(values, needed, 'SMS_PROVIDER=twilio');
  if (sender !== '' && !from) problems.push(`SMS_SENDER=${JSON.stringify(sender)}: a phone number expected, such as +33612345678`);
  if (problems.length > 0) throw new SettingsError(problems);
  const [host = '', port = ''] = values.SMS_TWILIO_WEBHOOK_LISTEN.split(':');
  return {
    ...common,
    provider: {
      kind,
      accountSid: values.SMS_TWILIO_ACCOUNT_SID ?? '',
      authToken: values.SMS_TWILIO_AUTH_TOKEN ?? '',
      apiBase: values.SMS_TWILIO_API_BASE,
      from: from ?? sender,
      webhook: { url: values.SMS_TWILIO_WEBHOOK_URL ?? '', host, port: Number(port) },
    },
  };
}

/** Daily backups go beside the database, in `backups/`, unless PARLONS_BACKUP_DIR says where (or `off`). */
function backupSettings(values: RawSettings): BackupSettings {
  const given = values.PARLONS_BACKUP_DIR;
  const dir = given === 'off' || values.PARLONS_DB === ':memory:' ? null : (given ?? path.join(path.dirname(values.PARLONS_DB), 'backups'));
  return { dir, time: parseClockTime(values.PARLONS_BACKUP_TIME) ?? 0, keep: values.PARLONS_BACKUP_KEEP, key: values.PARLONS_BACKUP_KEY ?? null };
}

/** The web face: where it listens (`off`: nowhere), and the public address links are built on. */
function webSettings(values: RawSettings): WebSettings {
  const listen = values.PARLONS_WEB_LISTEN;
  if (listen === 'off') return { listen: null, url: values.PARLONS_WEB_URL ?? null };
  const [host = '', port = ''] = listen.split(':');
  return { listen: { host, port: Number(port) }, url: values.PARLONS_WEB_URL ?? `http://${host}:${port}` };
}

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
    quietHours: values.PARLONS_QUIET_HOURS === 'off' ? null : parseQuietHours(values.PARLONS_QUIET_HOURS),
    reminderOffsets: parseReminderOffsets(values.PARLONS_REMINDERS) ?? [],
    remindAnsweredOnly: values.PARLONS_REMINDER_AUDIENCE === 'answered',
    mediatorDigestTime: parseClockTime(values.PARLONS_MEDIATOR_DIGEST_TIME) ?? 0,
    telegram: telegramSettings(values),
    matrix: matrixSettings(values),
    sms: smsSettings(values, city.country),
    backup: backupSettings(values),
    web: webSettings(values),
  };
}
