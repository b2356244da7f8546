import type { PlannedReminder } from '../store/sessions-repo';

const MINUTE = 60_000;

/**
 * The reminders of a session starting at `startsAt`: one per offset, due that many minutes
 * before. Those already due when the session is created or moved are skipped, except the most
 * recent one, which goes out at once: a session added today for tomorrow still gets its "1 day"
 * reminder, but never three reminders at a time.
 */
export function planReminders(startsAt: Date, offsets: readonly number[], now: Date): PlannedReminder[] {
  const planned = offsets.map((offsetMinutes) => ({ offsetMinutes, due: new Date(startsAt.getTime() - offsetMinutes * MINUTE) }));
  const past = planned.filter((p) => p.due <= now && startsAt > now);
  const latestPast = past.reduce<(typeof past)[number] | null>((latest, p) => (!latest || p.due > latest.due ? p : latest), null);
  return planned.map((p) => ({
    offsetMinutes: p.offsetMinutes,
    dueAt: p.due.toISOString(),
    status: p.due > now || p === latestPast ? 'pending' : 'skipped',
  }));
}
