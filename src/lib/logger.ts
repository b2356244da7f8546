/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Values a log line may carry. Never a message body or a phone number at info level or above. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A small structured logger: an event name and fields, one line each, on standard error. */
export interface Logger {
  error(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  debug(event: string, fields?: LogFields): void;
}

function formatValue(value: string | number | boolean | null): string {
  const plain = String(value);
  return /^[\w.:/@+-]*$/.test(plain) && plain !== '' ? plain : JSON.stringify(plain);
}

/**
 * Writes `time level event key=value …` lines (logfmt, readable by people and by log tools)
 * for every level at or above `level`.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (lineLevel: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(lineLevel) > threshold) return;
    const pairs = Object.entries(fields)
      .filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${formatValue(value)}`);
    write([new Date().toISOString(), lineLevel, event, ...pairs].join(' ') + '\n');
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger('error', () => undefined);
