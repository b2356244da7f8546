import { parseClockTime, sameDayAt } from '../../../src/lib/clock-time';

describe('parseClockTime', () => {
  test.each([
    ['18:00', 1080],
    ['00:00', 0],
    [' 23:59 ', 1439],
    ['24:00', null],
    ['9:00', null],
    ['18h', null],
    ['', null],
  ])('%j', (value, expected) => expect(parseClockTime(value)).toBe(expected));
});

describe('sameDayAt (Europe/Paris)', () => {
  test('the same local day, in winter and in summer time', () => {
    expect(sameDayAt(new Date('2026-11-22T08:00:00Z'), 18 * 60, 'Europe/Paris').toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(sameDayAt(new Date('2026-07-15T21:59:00Z'), 18 * 60, 'Europe/Paris').toISOString()).toBe('2026-07-15T16:00:00.000Z');
  });

  test('the local day, not the UTC one: 00:30 in Paris is still the previous day in UTC', () => {
    expect(sameDayAt(new Date('2026-11-22T23:30:00Z'), 18 * 60, 'Europe/Paris').toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  test('a time skipped when clocks go forward comes an hour later, the same day', () => {
    expect(sameDayAt(new Date('2026-03-29T12:00:00Z'), 2 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});
