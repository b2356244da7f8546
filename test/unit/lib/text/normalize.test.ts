import { foldText, matchKey } from '../../../../src/lib/text/normalize';

describe('foldText', () => {
  test.each([
    ['Trois-Cités', 'trois cites'],
    ['  SAINT-ÉLOI  ', 'saint eloi'],
    ['Œuvre', 'oeuvre'],
    ['Æsir', 'aesir'],
    ['Straße', 'strasse'],
    ["l'Hôtel   de   Ville !!", 'l hotel de ville'],
    ['ça-va?', 'ca va'],
    ['n°3', 'n 3'],
    ['Ｐａｒｉｓ', 'paris'],
    ['ﬁnal', 'final'],
    ['…', ''],
    ['', ''],
    ['😀 👍', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  test('keeps letters of other scripts', () => {
    expect(foldText('مرحبا بك')).toBe('مرحبا بك');
    expect(foldText('Привет, МИР')).toBe('привет мир');
    expect(foldText('Ἀθῆναι')).toBe('αθηναι');
  });

  test('drops combining marks, including Hebrew points, but keeps the base letters', () => {
    expect(foldText('שָׁלוֹם')).toBe('שלום');
    expect(foldText('e\u0301te\u0301')).toBe('ete');
  });

  test('keeps digits of any script', () => {
    expect(foldText('Bâtiment 12B')).toBe('batiment 12b');
    expect(foldText('٣')).toBe('٣');
  });

  test('is idempotent', () => {
    for (const input of ['Les 3 Cités', 'Œil-de-Bœuf', '  Été  2026 ']) {
      expect(foldText(foldText(input))).toBe(foldText(input));
    }
  });
});

describe('matchKey', () => {
  test.each([
    ['Les 3 Cités', '3 cite'],
    ['trois cites', '3 cite'],
    ['les trois-cites', '3 cite'],
    ['Trois-Cités', '3 cite'],
    ["l'ouest", 'ouest'],
    ["d'accord", 'accord'],
    ['The Old Town', 'old town'],
    ['Les Couronneries', 'couronnerie'],
    ['deux', '2'],
    ['Un homme', 'homme'],
    ['Premier étage', '1 etage'],
    ['Ten', '10'],
    ['bus', 'bus'],
    ['prix', 'pri'],
    ['les', ''],
    ['', ''],
  ])('keys %j as %j', (input, expected) => {
    expect(matchKey(input)).toBe(expected);
  });

  test('gives the same key to the ways people write the same label', () => {
    const keys = new Set(['3 cités', 'Trois Cités', 'les trois-cites', 'LES 3 CITES', 'trois cité'].map(matchKey));
    expect([...keys]).toEqual(['3 cite']);
  });

  test('keeps plural letters on words of three letters or less', () => {
    expect(matchKey('ans')).toBe('ans');
    expect(matchKey('lax')).toBe('lax');
    expect(matchKey('taxis')).toBe('taxi');
  });
});
