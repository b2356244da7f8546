const UNIT_MINUTES: Readonly<Record<string, number>> = { d: 24 * 60, h: 60, m: 1 };

/**
 * Reads reminder offsets as agents write them, `7d,1d,2h,30m`, into minutes before the start,
 * largest first; null when malformed or empty. An empty list is written `none`.
 */
export function parseReminderOffsets(value: string): number[] | null {
  if (value.trim() === 'none') return [];
  const minutes = value.split(',').map((part) => {
    const match = /^\s*(\d{1,4})\s*([dhm])\s*$/i.exec(part);
    return match ? Number(match[1]) * (UNIT_MINUTES[match[2]!.toLowerCase()] ?? 0) : Number.NaN;
  });
  if (minutes.some((m) => !Number.isFinite(m) || m <= 0)) return null;
  return [...new Set(minutes)].sort((a, b) => b - a);
}

/** Writes offsets back as agents write them (`7d,1d,2h`). */
export function formatReminderOffsets(minutes: readonly number[]): string {
  if (minutes.length === 0) return 'none';
  return minutes.map((m) => (m % 1440 === 0 ? `${m / 1440}d` : m % 60 === 0 ? `${m / 60}h` : `${m}m`)).join(',');
}
