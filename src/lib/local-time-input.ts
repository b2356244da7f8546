import { DateTime } from 'luxon';

/** What a typed time means on a city's clock. */
export type LocalTimeReading =
  | { readonly kind: 'time'; readonly at: Date }
  | { readonly kind: 'unreadable' }
  /** Skipped by the change to summer time: it never exists there. */
  | { readonly kind: 'skipped' }
  /** Happens twice when clocks go back: both, written with their offsets, to choose from. */
  | { readonly kind: 'twice'; readonly first: string; readonly second: string };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WALL = "yyyy-MM-dd'T'HH:mm";

/**
 * Reads a time an agent typed: ISO 8601 with an offset (`2026-11-23T10:00+01:00`), or a
 * wall-clock time in `timeZone` (`2026-11-23 10:00`, `2026-11-23T10:00`). A wall-clock time that
 * does not exist there (skipped by the change to summer time) or that happens twice (when clocks
 * go back) is not guessed: it is reported, with the two offsets to choose from.
 */
export function readLocalTime(input: string, timeZone: string): LocalTimeReading {
  const text = input.trim().replace(' ', 'T');
  if (/(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(text)) {
    const parsed = DateTime.fromISO(text, { setZone: true });
    return parsed.isValid ? { kind: 'time', at: parsed.toJSDate() } : { kind: 'unreadable' };
  }
  // The fields as typed, read as if they were UTC: what the city's clock must show.
  const wall = DateTime.fromISO(text, { zone: 'utc' });
  if (!wall.isValid) return { kind: 'unreadable' };
  const shown = wall.toFormat(WALL);
  // The zone's offsets a day either side cover both sides of any change of time.
  const offsets = new Set([-DAY, DAY].map((shift) => DateTime.fromMillis(wall.toMillis() + shift, { zone: timeZone }).offset));
  const instants = [...new Set([...offsets].map((offset) => wall.toMillis() - offset * MINUTE))]
    .filter((ms) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat(WALL) === shown)
    .sort((a, b) => a - b);
  const [first, second] = instants;
  if (first === undefined) return { kind: 'skipped' };
  if (second === undefined) return { kind: 'time', at: new Date(first) };
  const withOffset = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mmZZ');
  return { kind: 'twice', first: withOffset(first), second: withOffset(second) };
}

/** What is wrong with a typed time, for each face (CLI, web form) to word its own way. */
export type TimeProblem =
  | { readonly problem: 'bad_time' }
  | { readonly problem: 'skipped_time' }
  | { readonly problem: 'twice'; readonly first: string; readonly second: string };

/** A typed time as an instant, or what is wrong with it (see readLocalTime). */
export function typedTime(input: string, timeZone: string): { readonly ok: true; readonly at: Date } | ({ readonly ok: false } & TimeProblem) {
  const reading = readLocalTime(input, timeZone);
  switch (reading.kind) {
    case 'time':
      return { ok: true, at: reading.at };
    case 'unreadable':
      return { ok: false, problem: 'bad_time' };
    case 'skipped':
      return { ok: false, problem: 'skipped_time' };
    case 'twice':
      return { ok: false, problem: 'twice', first: reading.first, second: reading.second };
  }
}
