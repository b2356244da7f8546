import { DateTime } from 'luxon';

/**
 * Reads a time an agent typed: ISO 8601 with an offset (`2026-11-23T10:00+01:00`), or a wall-clock
 * time in `timeZone` (`2026-11-23 10:00`, `2026-11-23T10:00`). Null when malformed, or when the
 * wall-clock time does not exist there (skipped by a change to summer time). A time that happens
 * twice (when clocks go back) is read as the second one, in winter time.
 */
export function parseLocalTime(input: string, timeZone: string): Date | null {
  const text = input.trim().replace(' ', 'T');
  const parsed = DateTime.fromISO(text, { zone: timeZone, setZone: true });
  if (!parsed.isValid) return null;
  const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(text);
  // luxon moves a time inside a DST gap forward; one that does not read back the same never existed.
  if (!hasOffset && parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== text.slice(0, 16)) return null;
  return parsed.toJSDate();
}
