import { parseLocalTime } from '../../../src/lib/local-time-input';

describe('parseLocalTime (Europe/Paris)', () => {
  test.each([
    ['2026-11-23 10:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T10:00', '2026-11-23T09:00:00.000Z'],
    ['2026-07-14 10:00', '2026-07-14T08:00:00.000Z'],
    ['2026-11-23T10:00:00+01:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T09:00Z', '2026-11-23T09:00:00.000Z'],
    // Clocks go back at 03:00: 02:30 happens twice, and is read as the second time (winter time).
    ['2026-10-25 02:30', '2026-10-25T01:30:00.000Z'],
  ])('%s', (input, iso) => expect(parseLocalTime(input, 'Europe/Paris')?.toISOString()).toBe(iso));

  test.each(['tomorrow', '2026-13-01 10:00', '2026-11-23 25:00', '', '2026-03-29 02:30'])('%j is refused', (input) => {
    expect(parseLocalTime(input, 'Europe/Paris')).toBeNull();
  });
});
