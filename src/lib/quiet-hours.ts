import { parseClockTime } from './clock-time';

/** A daily span of local time, possibly across midnight (21:30–08:00). Minutes after midnight. */
export interface QuietHours {
  readonly from: number;
  readonly to: number;
}

/** Reads `HH:MM-HH:MM`; null for a malformed value. */
export function parseQuietHours(value: string): QuietHours | null {
  const [from, to, ...rest] = value.trim().split('-').map(parseClockTime);
  if (rest.length > 0 || typeof from !== 'number' || typeof to !== 'number') return null;
  return { from, to };
}

/** Minutes after local midnight in `timeZone`. */
function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Whether `instant` falls within the quiet hours on the wall clock of `timeZone`. */
export function isQuietTime(instant: Date, quiet: QuietHours, timeZone: string): boolean {
  const minutes = localMinutes(instant, timeZone);
  if (quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? minutes >= quiet.from && minutes < quiet.to : minutes >= quiet.from || minutes < quiet.to;
}
