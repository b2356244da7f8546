import { readLocalTime } from '../../../src/lib/local-time-input';

describe('readLocalTime (Europe/Paris)', () => {
  const at = (input: string) => {
    const reading = readLocalTime(input, 'Europe/Paris');
    return reading.kind === 'time' ? reading.at.toISOString() : reading.kind;
  };

  test.each([
    ['2026-11-23 10:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T10:00', '2026-11-23T09:00:00.000Z'],
    ['2026-07-14 10:00', '2026-07-14T08:00:00.000Z'],
    ['2026-11-23T10:00:00+01:00', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23T09:00Z', '2026-11-23T09:00:00.000Z'],
    // The hours either side of a change of time are read as usual.
    ['2026-10-25 01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25 03:00', '2026-10-25T02:00:00.000Z'],
    ['2026-03-29 03:00', '2026-03-29T01:00:00.000Z'],
    // A time that happens twice is taken as written with its offset.
    ['2027-10-31 02:30+02:00', '2027-10-31T00:30:00.000Z'],
    ['2027-10-31 02:30+01:00', '2027-10-31T01:30:00.000Z'],
  ])('%s', (input, iso) => expect(at(input)).toBe(iso));

  test.each(['tomorrow', '2026-13-01 10:00', '2026-11-23 25:00', ''])('%j is unreadable', (input) => {
    expect(at(input)).toBe('unreadable');
  });

  test('a time skipped by the change to summer time does not exist', () => {
    expect(at('2026-03-29 02:30')).toBe('skipped');
  });

  test('a time that happens twice when clocks go back is not guessed: both are offered, with their offsets', () => {
    expect(readLocalTime('2027-10-31 02:30', 'Europe/Paris')).toEqual({ kind: 'twice', first: '2027-10-31 02:30+02:00', second: '2027-10-31 02:30+01:00' });
    expect(readLocalTime('2026-10-25 02:00', 'Europe/Paris')).toEqual({ kind: 'twice', first: '2026-10-25 02:00+02:00', second: '2026-10-25 02:00+01:00' });
  });
});
