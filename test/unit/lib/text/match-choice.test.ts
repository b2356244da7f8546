import fs from 'node:fs';
import path from 'node:path';
import { matchChoice, type ChoiceMatch, type MatchableOption } from '../../../../src/lib/text/match-choice';

interface CityFile {
  readonly neighbourhoods: readonly { readonly id: string; readonly name: string; readonly aliases: readonly string[] }[];
}

const poitiers = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../data/cities/poitiers.json'), 'utf8')) as CityFile;

/** The real Poitiers neighbourhoods, in file order, each with its name and aliases as labels. */
const neighbourhoods: MatchableOption[] = poitiers.neighbourhoods.map((n) => ({ id: n.id, labels: [n.name, ...n.aliases] }));

const match = (id: string): ChoiceMatch => ({ kind: 'match', id });
const ambiguous = (...ids: string[]): ChoiceMatch => ({ kind: 'ambiguous', ids });
const none: ChoiceMatch = { kind: 'none' };

test('the Poitiers fixture is the one these cases were written for', () => {
  expect(neighbourhoods.map((o) => o.id)).toEqual([
    'beaulieu',
    'bel_air',
    'bellejouanne',
    'breuil_mingot',
    'centre_ville',
    'couronneries',
    'gibauderie',
    'montbernage',
    'montmidi',
    'pont_neuf',
    'porteau',
    'saint_eloi',
    'trois_cites',
    'poitiers_ouest',
  ]);
});

describe('matchChoice on the Poitiers neighbourhoods', () => {
  test.each<[string, ChoiceMatch]>([
    // Exact labels, however they are written.
    ['Trois-Cités', match('trois_cites')],
    ['trois cites', match('trois_cites')],
    ['3 cites', match('trois_cites')],
    ['les 3 cités', match('trois_cites')],
    ['LES TROIS CITES', match('trois_cites')],
    ['3C', match('trois_cites')],
    ['Beaulieu', match('beaulieu')],
    ['beaulieu.', match('beaulieu')],
    ['Centre-ville', match('centre_ville')],
    ['centre', match('centre_ville')],
    ['Saint-Éloi', match('saint_eloi')],
    ['st eloi', match('saint_eloi')],
    ['St-Eloi', match('saint_eloi')],
    ['la gibauderie', match('gibauderie')],
    ['Les Couronneries', match('couronneries')],
    ['les dunes', match('poitiers_ouest')],
    ['Belle Jouanne', match('bellejouanne')],
    ['belair', match('bel_air')],
    // Every typed word in a label, or a label typed in full inside a sentence.
    ['trois', match('trois_cites')],
    ['pont', match('pont_neuf')],
    ["j'habite à Beaulieu", match('beaulieu')],
    ['quartier du Porteau', match('porteau')],
    // Typos.
    ['couronerie', match('couronneries')],
    ['couronerries', match('couronneries')],
    ['beualieu', match('beaulieu')],
    ['gibaudrie', match('gibauderie')],
    ['monbernage', match('montbernage')],
    ['montmidy', match('montmidi')],
    ['3 cité', match('trois_cites')],
    // A number picks that option of the menu, in the order shown.
    ['1', match('beaulieu')],
    ['3', match('bellejouanne')],
    [' 3 ', match('bellejouanne')],
    ['3.', match('bellejouanne')],
    ['3 .', match('bellejouanne')],
    ['3)', match('bellejouanne')],
    ['n°3', match('bellejouanne')],
    ['N° 3', match('bellejouanne')],
    ['no 3', match('bellejouanne')],
    ['No. 3', match('bellejouanne')],
    ['#3', match('bellejouanne')],
    ['04', match('breuil_mingot')],
    ['13', match('trois_cites')],
    ['14', match('poitiers_ouest')],
    // Numbers outside the menu, nothing, or nothing to compare.
    ['15', none],
    ['99', none],
    ['0', none],
    ['1000', none],
    ['', none],
    ['   ', none],
    ['😀', none],
    ['😀👍🎉', none],
    ['?!', none],
    ['les', none],
    ['mont', none],
    ['porto', none],
    ['Marseille', none],
    // Several options at the same level: never a guess.
    ['centre ouest', ambiguous('centre_ville', 'poitiers_ouest')],
    ['Montmidi ou Montbernage', ambiguous('montbernage', 'montmidi')],
    ['beaulieu et les couronneries', ambiguous('beaulieu', 'couronneries')],
  ])('%j gives %j', (input, expected) => {
    expect(matchChoice(input, neighbourhoods)).toEqual(expected);
  });

  test('a number refers to the options in the order given, not to their ids', () => {
    const reversed = [...neighbourhoods].reverse();
    expect(matchChoice('1', reversed)).toEqual(match('poitiers_ouest'));
    expect(matchChoice('13', reversed)).toEqual(match('bel_air'));
  });
});

describe('matchChoice on yes / no options', () => {
  const yesNo: MatchableOption[] = [
    { id: 'yes', labels: ['Oui, je confirme', 'oui', 'ok', "c'est bon", 'Yes, that is right', 'yes'] },
    { id: 'no', labels: ['Corriger une réponse', 'non', 'corriger', 'Change an answer', 'no'] },
  ];

  test.each<[string, ChoiceMatch]>([
    ['oui', match('yes')],
    ['OUI !', match('yes')],
    ['Oui.', match('yes')],
    ['Yes', match('yes')],
    ['ok', match('yes')],
    ["c'est bon", match('yes')],
    ['oui je confirme', match('yes')],
    ['oui merci', match('yes')],
    ['non', match('no')],
    ['Non.', match('no')],
    ['No', match('no')],
    ['NO!', match('no')],
    ['non merci', match('no')],
    ['corriger', match('no')],
    ['1', match('yes')],
    ['2', match('no')],
    ['3', none],
    ['peut-être', none],
    // A letter held down or doubled is not a typo that makes another word.
    ['ouii', match('yes')],
    ['OUIII !', match('yes')],
    ['okk', match('yes')],
    ['nonn', match('no')],
    // Too short for typos: one letter off would be another word.
    ['ouu', none],
    ['nan', none],
    ['oui non', ambiguous('yes', 'no')],
    ['', none],
  ])('%j gives %j', (input, expected) => {
    expect(matchChoice(input, yesNo)).toEqual(expected);
  });
});

describe('matchChoice precedence', () => {
  test('an exact label wins over a label that merely contains the words typed', () => {
    const options: MatchableOption[] = [
      { id: 'saint', labels: ['Saint'] },
      { id: 'saint_eloi', labels: ['Saint-Éloi'] },
    ];
    expect(matchChoice('saint', options)).toEqual(match('saint'));
    expect(matchChoice('saint eloi', options)).toEqual(match('saint_eloi'));
  });

  test('a word of one label that is a typo of another label is asked about, never guessed', () => {
    const options: MatchableOption[] = [
      { id: 'marne', labels: ['Marne'] },
      { id: 'mare', labels: ['La mare aux canards'] },
    ];
    expect(matchChoice('mare', options)).toEqual(ambiguous('marne', 'mare'));
    expect(matchChoice('mare aux canards', options)).toEqual(match('mare'));
  });

  test('a typo in a grade is asked about when it is close to two grades ("asez bien": Assez bien or Bien?)', () => {
    const grades: MatchableOption[] = ['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter'].map((label, i) => ({
      id: `grade_${i}`,
      labels: [label],
    }));
    expect(matchChoice('asez bien', grades)).toEqual(ambiguous('grade_2', 'grade_3'));
    expect(matchChoice('je dirais asez bien', grades)).toEqual(ambiguous('grade_2', 'grade_3'));
    expect(matchChoice('assez bien', grades)).toEqual(match('grade_3'));
    expect(matchChoice('pasable', grades)).toEqual(match('grade_4'));
    expect(matchChoice('a rejeter', grades)).toEqual(match('grade_6'));
    expect(matchChoice('tres bien', grades)).toEqual(match('grade_1'));
    expect(matchChoice('bien', grades)).toEqual(match('grade_2'));
    expect(matchChoice('excelent', grades)).toEqual(match('grade_0'));
    // A short word is never read as a typo of another inside a sentence.
    expect(matchChoice('rien du tout', grades)).toEqual({ kind: 'none' });
  });

  test('of two labels found in the answer, the one that says more of it wins', () => {
    const options: MatchableOption[] = [
      { id: 'smartphone', labels: ['Un smartphone', 'portable'] },
      { id: 'none', labels: ['Ni l’un ni l’autre', 'portable à touches', 'nokia'] },
    ];
    expect(matchChoice('un portable à touches', options)).toEqual(match('none'));
    expect(matchChoice('un portable', options)).toEqual(match('smartphone'));
    expect(matchChoice('un vieux nokia', options)).toEqual(match('none'));
  });

  test('the closest typo wins; equally close typos are ambiguous', () => {
    const options: MatchableOption[] = [
      { id: 'marne', labels: ['Marne'] },
      { id: 'marme', labels: ['Marme'] },
      { id: 'garonne', labels: ['Garonne'] },
    ];
    expect(matchChoice('garone', options)).toEqual(match('garonne'));
    expect(matchChoice('marle', options)).toEqual(ambiguous('marne', 'marme'));
  });

  test('the same label on two options is ambiguous', () => {
    const options: MatchableOption[] = [
      { id: 'a', labels: ['Aucun'] },
      { id: 'b', labels: ['Rien', 'aucun'] },
    ];
    expect(matchChoice('aucun', options)).toEqual(ambiguous('a', 'b'));
  });

  test('labels that fold to nothing are ignored, and no options match nothing', () => {
    expect(matchChoice('abc', [{ id: 'x', labels: ['…', ''] }])).toEqual(none);
    expect(matchChoice('abc', [])).toEqual(none);
    expect(matchChoice('1', [])).toEqual(none);
  });
});
