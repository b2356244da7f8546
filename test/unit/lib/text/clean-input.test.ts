import { cleanInput, countGraphemes, MAX_INBOUND_CHARS } from '../../../../src/lib/text/clean-input';

/** True when the string has no lone surrogate (what String.prototype.isWellFormed checks). */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

describe('cleanInput', () => {
  test('removes control characters, leaving the words apart', () => {
    expect(cleanInput('bon\u0000jour')).toBe('bon jour');
    expect(cleanInput('a\u0007b\u001Bc\u007Fd\u0085e\u009Ff')).toBe('a b c d e f');
    expect(cleanInput('\u0001\u0002\u0003')).toBe('');
  });

  test('removes bidirectional overrides and isolates but keeps Arabic and Hebrew letters', () => {
    expect(cleanInput('\u202Eabc\u202C')).toBe('abc');
    expect(cleanInput('Sam\u202Egnp.exe')).toBe('Samgnp.exe');
    expect(cleanInput('\u2066\u2067x\u2068\u2069')).toBe('x');
    expect(cleanInput('\u202Bمرحبا\u202C')).toBe('مرحبا');
    expect(cleanInput('שלום עולם')).toBe('שלום עולם');
    expect(cleanInput('مرحبا Camille')).toBe('مرحبا Camille');
  });

  test('removes zero-width spaces and other invisible characters', () => {
    expect(cleanInput('Ca\u200Bmil\u200Ble')).toBe('Camille');
    expect(cleanInput('\uFEFFbonjour')).toBe('bonjour');
    expect(cleanInput('a\u2060b\u2064c')).toBe('abc');
    expect(cleanInput('\u200E\u200F')).toBe('');
  });

  test('keeps the zero-width joiner and non-joiner, which some spellings and emoji need', () => {
    // Persian: "می‌خواهم" is spelt with a non-joiner; a family emoji is joined by U+200D.
    expect(cleanInput('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(cleanInput('👨\u200D👩\u200D👧')).toBe('👨\u200D👩\u200D👧');
    expect(countGraphemes(cleanInput('👨\u200D👩\u200D👧'))).toBe(1);
  });

  test('normalises to NFC: e + combining acute is é', () => {
    const cleaned = cleanInput('Se\u0301bastien');
    expect(cleaned).toBe('Sébastien');
    expect(cleaned).toBe('S\u00E9bastien');
    expect(cleaned.length).toBe(9);
    expect(cleanInput('e\u0301')).toBe(cleanInput('\u00E9'));
  });

  test('output is NFC even when an invisible character sat between a letter and its accent', () => {
    // The invisible character is removed first, so the letter and its accent are composed.
    const cleaned = cleanInput('Se\u200B\u0301bastien');
    expect(cleaned).toBe('Sébastien');
    expect(cleaned).toBe(cleaned.normalize('NFC'));
  });

  test('folds every run of white space to one space and trims the ends', () => {
    expect(cleanInput('  Les\t\t3\n\ncités  ')).toBe('Les 3 cités');
    expect(cleanInput('a\u00A0\u2003b\u2028c\r\nd')).toBe('a b c d');
    expect(cleanInput(' \t\n ')).toBe('');
  });

  test('caps a 10,000-character input at MAX_INBOUND_CHARS', () => {
    const cleaned = cleanInput('a'.repeat(10_000));
    expect(cleaned.length).toBe(MAX_INBOUND_CHARS);
    expect(cleaned).toBe('a'.repeat(MAX_INBOUND_CHARS));
  });

  test('keeps an input of exactly MAX_INBOUND_CHARS whole', () => {
    const input = 'b'.repeat(MAX_INBOUND_CHARS);
    expect(cleanInput(input)).toBe(input);
  });

  test('capping never cuts a character in half (no lone surrogate)', () => {
    // An emoji straddling the limit is dropped whole rather than cut after its high surrogate.
    const cleaned = cleanInput('a'.repeat(MAX_INBOUND_CHARS - 1) + '😀');
    expect(isWellFormed(cleaned)).toBe(true);
  });

  test('leaves ordinary text alone', () => {
    for (const text of ['Camille', 'Jean-Pierre', "L'Hôpital", '06 12 34 56 78', 'Zoë 🎉']) {
      expect(cleanInput(text)).toBe(text);
    }
  });
});

describe('countGraphemes', () => {
  test.each([
    ['', 0],
    ['Camille', 7],
    ['Sébastien', 9],
    ['Se\u0301bastien', 9],
    ['👍🏽', 1],
    ['👨‍👩‍👧', 1],
    ['🇫🇷', 1],
    ['😀😀', 2],
    ['مرحبا', 5],
  ])('%j has %i characters', (value, expected) => {
    expect(countGraphemes(value)).toBe(expected);
  });
});
