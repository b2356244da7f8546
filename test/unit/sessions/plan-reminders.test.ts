import { planReminders } from '../../../src/sessions/plan-reminders';
import { formatReminderOffsets, parseReminderOffsets } from '../../../src/lib/reminder-offsets';

const DAY = 1440;
const start = new Date('2026-11-23T09:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('planReminders', () => {
  test.each([
    ['planned a month ahead: all pending', '2026-10-20T09:00:00.000Z', ['pending', 'pending', 'pending']],
    ['7d missed, 1d in 5 hours: 7d skipped (no two reminders the same day)', '2026-11-22T04:00:00.000Z', ['skipped', 'pending', 'pending']],
    ['7d missed, 1d in 3 days: 7d goes now', '2026-11-19T09:00:00.000Z', ['pending', 'pending', 'pending']],
    ['7d and 1d missed, 2h in 21 hours: 1d goes now, 7d skipped', '2026-11-22T12:00:00.000Z', ['skipped', 'pending', 'pending']],
    ['all missed an hour before: 2h goes now', '2026-11-23T08:00:00.000Z', ['skipped', 'skipped', 'pending']],
  ])('%s', (_name, now, statuses) => {
    expect(planReminders(start, [7 * DAY, DAY, 120], at(now)).map((r) => r.status)).toEqual(statuses);
  });

  test('due times are the offsets before the start', () => {
    expect(planReminders(start, [DAY, 120], at('2026-11-01T00:00:00.000Z')).map((r) => r.dueAt)).toEqual(['2026-11-22T09:00:00.000Z', '2026-11-23T07:00:00.000Z']);
  });
});

describe('reminder offsets', () => {
  test.each([
    ['7d,1d,2h', [10080, 1440, 120]],
    ['2h, 1d', [1440, 120]],
    ['30m', [30]],
    ['none', []],
    ['1d,1d', [1440]],
  ])('%s', (value, minutes) => {
    expect(parseReminderOffsets(value)).toEqual(minutes);
    expect(parseReminderOffsets(formatReminderOffsets(minutes))).toEqual(minutes);
  });

  test.each(['', '7', '1w', '-1d', '0h', 'soon'])('%j is refused', (value) => expect(parseReminderOffsets(value)).toBeNull());
});
