import { smsCost } from '../../../../src/lib/sms/sms-segments';

describe('smsCost', () => {
  test.each([
    ['', 'gsm7', 0, 1],
    ['a'.repeat(160), 'gsm7', 160, 1],
    ['a'.repeat(161), 'gsm7', 161, 2],
    ['a'.repeat(306), 'gsm7', 306, 2],
    ['a'.repeat(307), 'gsm7', 307, 3],
    ['a'.repeat(459), 'gsm7', 459, 3],
    ['a'.repeat(460), 'gsm7', 460, 4],
    // The extension table costs two septets: 80 euro signs fill one SMS, 81 do not.
    ['€'.repeat(80), 'gsm7', 160, 1],
    ['€'.repeat(81), 'gsm7', 162, 2],
    ['[]{}^~|\\', 'gsm7', 16, 1],
    // GSM-7 has é è ù à ì ò É Ç.
    ['Séance à Poitiers, où ? Ça va. É', 'gsm7', 32, 1],
    ['ê', 'ucs2', 1, 1],
    ['ê'.repeat(70), 'ucs2', 70, 1],
    ['ê'.repeat(71), 'ucs2', 71, 2],
    ['ê'.repeat(134), 'ucs2', 134, 2],
    ['ê'.repeat(135), 'ucs2', 135, 3],
    // An emoji is two UTF-16 code units.
    ['😀'.repeat(35), 'ucs2', 70, 1],
    ['😀'.repeat(36), 'ucs2', 72, 2],
  ])('%j costs %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(smsCost(text)).toEqual({ encoding, units, segments });
  });

  test('one character outside GSM-7 turns the whole message to UCS-2', () => {
    expect(smsCost(`${'a'.repeat(100)}’`)).toEqual({ encoding: 'ucs2', units: 101, segments: 2 });
  });

  test('an escaped character is never cut across two parts', () => {
    // 306 septets fit two parts, but not when the euro sign would straddle them: the first part
    // then holds 152 and the last septet spills into a third.
    expect(smsCost(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
    expect(smsCost(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toEqual({ encoding: 'gsm7', units: 306, segments: 2 });
  });

  test('a surrogate pair is never cut across two parts', () => {
    expect(smsCost(`${'ê'.repeat(66)}😀${'ê'.repeat(66)}`)).toEqual({ encoding: 'ucs2', units: 134, segments: 3 });
    expect(smsCost(`${'ê'.repeat(65)}😀${'ê'.repeat(67)}`)).toEqual({ encoding: 'ucs2', units: 134, segments: 2 });
  });
});
