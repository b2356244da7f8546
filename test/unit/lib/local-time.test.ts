import { formatLocalDateTime } from '../../../src/lib/local-time';

describe('formatLocalDateTime in Europe/Paris', () => {
  test.each([
    // Winter time: UTC+1.
    ['2026-01-15T12:00:00.000Z', '2026-01-15 13:00'],
    ['2026-11-22T09:05:00.000Z', '2026-11-22 10:05'],
    // Summer time: UTC+2.
    ['2026-07-14T12:30:00.000Z', '2026-07-14 14:30'],
    ['2026-08-01T21:59:59.000Z', '2026-08-01 23:59'],
    // Around the switch to summer time (29 March 2026, 02:00 → 03:00).
    ['2026-03-29T00:59:00.000Z', '2026-03-29 01:59'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29 03:00'],
    // Around the switch back (25 October 2026, 03:00 → 02:00).
    ['2026-10-25T00:30:00.000Z', '2026-10-25 02:30'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25 02:30'],
    ['2026-10-25T02:30:00.000Z', '2026-10-25 03:30'],
    // Midnight is 00, never 24, and the local day and year can differ from UTC's.
    ['2026-06-30T22:00:00.000Z', '2026-07-01 00:00'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01 00:30'],
  ])('%s is %s', (iso, expected) => {
    expect(formatLocalDateTime(iso, 'Europe/Paris')).toBe(expected);
  });

  test('accepts ISO strings with an offset', () => {
    expect(formatLocalDateTime('2026-07-14T14:30:00+02:00', 'Europe/Paris')).toBe('2026-07-14 14:30');
  });
});

describe('formatLocalDateTime in other zones', () => {
  test('follows the zone given', () => {
    const iso = '2026-07-14T12:30:00.000Z';
    expect(formatLocalDateTime(iso, 'UTC')).toBe('2026-07-14 12:30');
    expect(formatLocalDateTime(iso, 'America/New_York')).toBe('2026-07-14 08:30');
    expect(formatLocalDateTime(iso, 'Indian/Reunion')).toBe('2026-07-14 16:30');
    expect(formatLocalDateTime(iso, 'Pacific/Auckland')).toBe('2026-07-15 00:30');
  });

  test('always has the shape YYYY-MM-DD HH:mm', () => {
    expect(formatLocalDateTime('2026-02-03T04:05:06.000Z', 'UTC')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
