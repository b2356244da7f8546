import { formatPhoneNumber, toE164 } from '../../../src/lib/phone-number';

describe('toE164', () => {
  test.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['07 81 23 45 67', '+33781234567'],
    ['+44 7911 123456', '+447911123456'],
    ['+1 202 555 0143', '+12025550143'],
    ['0044 7911 123456', '+447911123456'],
  ])('reads %j in France as %j', (input, expected) => {
    expect(toE164(input, 'FR')).toBe(expected);
  });

  test.each([
    [''],
    ['hello'],
    ['12'],
    ['06 12 34'],
    ['06 12 34 56 78 9'],
    ['+33 6 12 34 56 78 9'],
    ['00612345678'],
    ['+33 0 00 00 00 00'],
    ['99 99 99 99 99'],
  ])('rejects %j', (input) => {
    expect(toE164(input, 'FR')).toBeNull();
  });

  test('reads national numbers in the default country given', () => {
    expect(toE164('07911 123456', 'GB')).toBe('+447911123456');
    expect(toE164('07911 123456', 'FR')).toBeNull();
  });
});

describe('formatPhoneNumber', () => {
  test('shows an E.164 number the international way', () => {
    expect(formatPhoneNumber('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhoneNumber('+447911123456')).toBe('+44 7911 123456');
  });

  test('gives back what it cannot read', () => {
    expect(formatPhoneNumber('not a number')).toBe('not a number');
  });

  test('round-trips with toE164', () => {
    const e164 = '+33612345678';
    expect(toE164(formatPhoneNumber(e164), 'FR')).toBe(e164);
  });
});
