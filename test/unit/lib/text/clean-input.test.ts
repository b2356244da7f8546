import { cleanInput, hasVisibleLetter, MAX_INBOUND_CHARS, storedLength } from '../../../../src/lib/text/clean-input';

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

describe('storedLength', () => {
  test.each([
    ['', 0],
    ['Camille', 7],
    ['Sébastien', 9],
    ['👍🏽', 2],
    ['👨‍👩‍👧', 5],
    ['🇫🇷', 2],
    ['😀😀', 2],
    ['مرحبا', 5],
    ['a' + '\u0301'.repeat(90), 91],
  ])('%j stores %i characters', (value, expected) => {
    expect(storedLength(value)).toBe(expected);
  });

  test('what is stored, after normalisation: e and its accent are one character once composed', () => {
    expect(storedLength(cleanInput('Se\u0301bastien'))).toBe(9);
  });
});

describe('invisible characters', () => {
  test.each([
    ['a Hangul filler', '\u3164'],
    ['a halfwidth Hangul filler', '\uFFA0'],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160'],
    ['a soft hyphen', '\u00AD'],
    ['a combining grapheme joiner', '\u034F'],
    ['word joiners and invisible operators', '\u2060\u2061\u2062\u2063\u2064'],
  ])('%s is removed', (_name, invisible) => {
    expect(cleanInput(`Zo${invisible}é`)).toBe('Zoé');
    expect(cleanInput(invisible)).toBe('');
  });

  test('emoji sequences keep their joiners, variation selectors and tags', () => {
    for (const emoji of ['❤\uFE0F', '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', '👨\u200D👩\u200D👧']) expect(cleanInput(emoji)).toBe(emoji);
  });

  test('combining marks alone, or fillers, are no letters', () => {
    expect(hasVisibleLetter('\u0301\u0302')).toBe(false);
    expect(hasVisibleLetter('\u3164')).toBe(false);
    expect(hasVisibleLetter('-- 42')).toBe(false);
    expect(hasVisibleLetter('Zoé')).toBe(true);
    expect(hasVisibleLetter('李')).toBe(true);
  });
});
