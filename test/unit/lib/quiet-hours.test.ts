import { isQuietTime, parseQuietHours } from '../../../src/lib/quiet-hours';

describe('parseQuietHours', () => {
  test.each([
    ['21:30-08:00', { from: 1290, to: 480 }],
    ['00:00-06:30', { from: 0, to: 390 }],
    [' 22:00-07:00 ', { from: 1320, to: 420 }],
    ['22h-8h', null],
    ['24:00-08:00', null],
    ['21:30', null],
  ])('%s', (value, expected) => expect(parseQuietHours(value)).toEqual(expected));
});

describe('isQuietTime (Europe/Paris, 21:30-08:00)', () => {
  const quiet = parseQuietHours('21:30-08:00')!;
  test.each([
    ['winter, 21:29 in Paris', '2026-01-15T20:29:00Z', false],
    ['winter, 21:30 in Paris', '2026-01-15T20:30:00Z', true],
    ['winter, 03:00 in Paris', '2026-01-16T02:00:00Z', true],
    ['winter, 07:59 in Paris', '2026-01-16T06:59:00Z', true],
    ['winter, 08:00 in Paris', '2026-01-16T07:00:00Z', false],
    ['summer, 21:30 in Paris is 19:30 UTC', '2026-07-15T19:30:00Z', true],
    ['summer, 20:30 UTC is still quiet', '2026-07-15T20:30:00Z', true],
    ['summer, 08:00 in Paris is 06:00 UTC', '2026-07-16T06:00:00Z', false],
    ['noon', '2026-07-16T10:00:00Z', false],
  ])('%s', (_name, iso, expected) => expect(isQuietTime(new Date(iso), quiet, 'Europe/Paris')).toBe(expected));

  test('a span within one day, and an empty span', () => {
    expect(isQuietTime(new Date('2026-01-15T12:30:00Z'), parseQuietHours('12:00-14:00')!, 'UTC')).toBe(true);
    expect(isQuietTime(new Date('2026-01-15T15:00:00Z'), parseQuietHours('12:00-14:00')!, 'UTC')).toBe(false);
    expect(isQuietTime(new Date('2026-01-15T12:30:00Z'), parseQuietHours('12:00-12:00')!, 'UTC')).toBe(false);
  });
});
