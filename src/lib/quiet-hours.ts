/** A daily span of local time, possibly across midnight (21:30–08:00). Minutes after midnight. */
export interface QuietHours {
  readonly from: number;
  readonly to: number;
}

/** Reads `HH:MM-HH:MM`; null for a malformed value. */
export function parseQuietHours(value: string): QuietHours | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!match) return null;
  const [, fh, fm, th, tm] = match.map(Number) as [number, number, number, number, number];
  return { from: fh * 60 + fm, to: th * 60 + tm };
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
