import type { PlannedReminder } from '../store/sessions-repo';

const MINUTE = 60_000;
/** A missed reminder goes out at once only if the next one is further away than this. */
export const CATCH_UP_GAP_MS = 12 * 60 * MINUTE;

/**
 * The reminders of a session starting at `startsAt`: one per offset, due that many minutes
 * before. Those already due when the session is created or moved are skipped, except the most
 * recent one when no other reminder comes within 12 hours: a session added this morning for
 * tomorrow still gets a reminder now, but nobody gets two reminders the same afternoon.
 */
export function planReminders(startsAt: Date, offsets: readonly number[], now: Date): PlannedReminder[] {
  const planned = offsets.map((offsetMinutes) => ({ offsetMinutes, due: new Date(startsAt.getTime() - offsetMinutes * MINUTE) }));
  const past = planned.filter((p) => p.due <= now && startsAt > now);
  const nextFuture = planned.filter((p) => p.due > now).reduce<Date | null>((next, p) => (!next || p.due < next ? p.due : next), null);
  const catchUp = !nextFuture || nextFuture.getTime() - now.getTime() > CATCH_UP_GAP_MS;
  const latestPast = catchUp ? past.reduce<(typeof past)[number] | null>((latest, p) => (!latest || p.due > latest.due ? p : latest), null) : null;
  return planned.map((p) => ({
    offsetMinutes: p.offsetMinutes,
    dueAt: p.due.toISOString(),
    status: p.due > now || p === latestPast ? 'pending' : 'skipped',
  }));
}
