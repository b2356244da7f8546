import { isGsm7 } from '../../../../src/lib/sms/gsm7-alphabet';
import { toGsm7 } from '../../../../src/lib/sms/to-gsm7';

describe('toGsm7', () => {
  test.each([
    ['L’assemblée', "L'assemblée"],
    ['« Oui »', '"Oui"'],
    ['dans « Mon\u00a0profil\u202f» :', 'dans "Mon profil" :'],
    ['“Yes” ‘no’', `"Yes" 'no'`],
    ['Attendez…', 'Attendez...'],
    ['œuvre, Œdipe', 'oeuvre, OEdipe'],
    ['fête, tête, même', 'fete, tete, meme'],
    ['âge, île, hôtel, sûr, Noël, naïf', 'age, ile, hotel, sur, Noel, naif'],
    ['Ça, français', 'Ça, francais'],
    // GSM-7 has É but not È.
    ['ÂÊÎÔÛ ÈË', 'AEIOU EE'],
    ['inscrit·e', 'inscrit.e'],
    ['10 h – 12 h — salle', '10 h - 12 h - salle'],
    ['prix\u00a0: 5\u202f€', 'prix : 5 €'],
  ])('%j → %j', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
    expect(isGsm7(toGsm7(input))).toBe(true);
  });

  test('GSM-7 letters keep their accents', () => {
    expect(toGsm7('éèùàìòÉÇÄÖÑÜäöñü')).toBe('éèùàìòÉÇÄÖÑÜäöñü');
  });

  test('characters without a plain equivalent are kept, never dropped', () => {
    expect(toGsm7('Merci 😀 Привет')).toBe('Merci 😀 Привет');
  });

  test('GSM-7 text is returned as it is', () => {
    const text = 'Bonjour ! Répondez par un numéro.\n1. Oui\n2. Non [€]';
    expect(toGsm7(text)).toBe(text);
  });
});
