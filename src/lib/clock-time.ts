import { DateTime } from 'luxon';

/** `HH:MM`, 00:00 to 23:59. */
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads a wall-clock time `HH:MM` into minutes after midnight; null when malformed. */
export function parseClockTime(value: string): number | null {
  const match = CLOCK_TIME.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The instant at which the wall clock of `timeZone` shows `minutes` after midnight on the local
 * day of `instant`. On the day clocks go forward, a time inside the skipped hour comes as the
 * hour after it (what luxon does), so a daily time still happens that day.
 */
export function sameDayAt(instant: Date, minutes: number, timeZone: string): Date {
  return DateTime.fromJSDate(instant, { zone: timeZone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toJSDate();
}
