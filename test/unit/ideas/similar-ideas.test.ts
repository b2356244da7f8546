import {
  findSimilarIdeas,
  ideaSimilarity,
  meaningfulWords,
  SIMILAR_IDEAS_SHOWN,
  SIMILARITY_THRESHOLD,
  stem,
  type ComparableIdea,
} from '../../../src/ideas/similar-ideas';

const idea = (title: string, body = ''): ComparableIdea => ({ title, body });
const similar = (a: ComparableIdea, b: ComparableIdea): boolean => ideaSimilarity(a, b) >= SIMILARITY_THRESHOLD;

describe('stem (Snowball, French)', () => {
  test('plural, feminine and conjugated forms meet', () => {
    expect(stem('pistes')).toBe(stem('piste'));
    expect(stem('bancs')).toBe('banc');
    expect(stem('grandes')).toBe(stem('grand'));
    expect(stem('sécurisées')).toBe(stem('sécuriser'));
    expect(stem('sécurisée')).toBe('securis');
    expect(stem('fermée')).toBe(stem('fermé'));
    expect(stem('journaux')).toBe(stem('journal'));
  });

  test('reads accents before folding them, and folds the stem', () => {
    expect(stem('Éclairée')).toBe(stem('éclairer'));
    expect(stem('ÉCOLES')).toBe('ecol');
  });

  test('leaves short words alone', () => {
    expect(stem('bus')).toBe('bus');
    expect(stem('vie')).toBe('vi');
  });
});

describe('meaningfulWords', () => {
  test('folds case and accents, drops stop words, stems, and keeps each word once', () => {
    expect(meaningfulWords('Des pistes cyclables sécurisées')).toEqual(['pist', 'cyclabl', 'securis']);
    expect(meaningfulWords('Plus de BANCS dans les parcs, des bancs !')).toEqual(['banc', 'parc']);
  });

  test('drops numbers and one-letter words', () => {
    expect(meaningfulWords('2 bancs à 100 m')).toEqual(['banc']);
  });

  test('drops English stop words too', () => {
    expect(meaningfulWords('More bike lanes in the city')).toEqual([stem('bike'), stem('lanes')]);
  });

  test('gives nothing for an empty text or one made only of stop words', () => {
    expect(meaningfulWords('')).toEqual([]);
    expect(meaningfulWords('   ')).toEqual([]);
    expect(meaningfulWords('Il faut plus de la ville !')).toEqual([]);
  });
});

describe('ideaSimilarity', () => {
  test('the same idea with accents, case, plurals and feminine forms changed is similar', () => {
    expect(ideaSimilarity(idea('Des pistes cyclables sécurisées'), idea('piste cyclable securisee'))).toBeCloseTo(1, 10);
  });

  test('word order and stop words do not matter', () => {
    expect(ideaSimilarity(idea('Plus de bancs dans les parcs'), idea('des bancs au parc'))).toBeCloseTo(1, 10);
    expect(ideaSimilarity(idea('Bancs parcs'), idea('les parcs avec des bancs'))).toBeCloseTo(1, 10);
  });

  test('unrelated ideas are not similar', () => {
    expect(ideaSimilarity(idea('Bus de nuit'), idea('Jardins partagés'))).toBe(0);
    expect(similar(idea('Bus de nuit', 'Un bus toutes les heures la nuit'), idea('Jardins partagés', 'Des potagers au pied des immeubles'))).toBe(false);
  });

  test('a one-letter typo in a long word still matches', () => {
    expect(ideaSimilarity(idea('Pistes cyclabes'), idea('pistes cyclables'))).toBeCloseTo(1, 10);
    expect(ideaSimilarity(idea('Réparer le trotoir'), idea('réparer les trottoirs'))).toBeCloseTo(1, 10);
  });

  test('a typo in a short word does not match, nor two typos in a long one', () => {
    // `bacs` is another word than `bancs`: short words must match exactly.
    expect(ideaSimilarity(idea('Bancs'), idea('Bacs'))).toBe(0);
    expect(ideaSimilarity(idea('Trottoirs'), idea('Trotwars'))).toBe(0);
  });

  test('is symmetric', () => {
    const a = idea('Plus de bancs', 'Des bancs dans les parcs pour les personnes âgées');
    const b = idea('Bancs au parc Blossac', 'Il manque des bancs');
    expect(ideaSimilarity(a, b)).toBeCloseTo(ideaSimilarity(b, a), 12);
  });

  test('titles weigh 0.6 and the whole text 0.4', () => {
    // Titles alike (1), whole texts sharing 2 words of 3 + 3 (dice 2/3): 0.6 + 0.4 × 2/3.
    expect(ideaSimilarity(idea('Bancs parcs', 'ombre'), idea('Bancs parcs', 'soleil'))).toBeCloseTo(0.6 + 0.4 * (2 / 3), 10);
    // Titles sharing nothing, whole texts sharing 2 words of 3 + 3: 0.4 × 2/3.
    expect(ideaSimilarity(idea('Ombre', 'bancs parcs'), idea('Soleil', 'des bancs aux parcs'))).toBeCloseTo(0.4 * (2 / 3), 10);
  });

  test('one word in common is not the same idea: two are needed, unless an idea says only one thing', () => {
    expect(ideaSimilarity(idea('Des bus le dimanche'), idea('Un marché le dimanche'))).toBe(0);
    expect(ideaSimilarity(idea('Plus de bancs dans les parcs'), idea('Fermer les parcs la nuit'))).toBe(0);
    expect(ideaSimilarity(idea('Bancs'), idea('Des bancs'))).toBeCloseTo(1, 10);
  });

  test('empty or meaningless texts are similar to nothing', () => {
    expect(ideaSimilarity(idea('', ''), idea('', ''))).toBe(0);
    expect(ideaSimilarity(idea('', ''), idea('Bancs', 'des bancs'))).toBe(0);
    expect(ideaSimilarity(idea('Il faut', 'plus de'), idea('Il faut', 'plus de'))).toBe(0);
  });

  test('works in English: plurals, case and stop words', () => {
    expect(ideaSimilarity(idea('More bike lanes'), idea('A bike lane'))).toBeCloseTo(1, 10);
    expect(ideaSimilarity(idea('Night buses'), idea('Community gardens'))).toBe(0);
  });
});

describe('findSimilarIdeas', () => {
  const candidates = [
    { id: 1, ...idea('Jardins partagés') },
    { id: 2, ...idea('Bancs ombragés aux parcs') }, // banc, ombrag, parc vs banc, parc: 2·2/5 = 0.8
    { id: 3, ...idea('Des bancs dans les parcs') }, // 1
    { id: 4, ...idea('Bus de nuit') },
    { id: 5, ...idea('Bancs parcs fontaines neuves') }, // 2·2/6 ≈ 0.67
    { id: 6, ...idea('Bancs colorés aux parcs') }, // 0.8, after id 2 on a tie
    { id: 7, ...idea('Bancs des parcs propres et fleuris') }, // banc, parc, propr, fleur: 2·2/6 ≈ 0.67, after id 5
    { id: 8, ...idea('Bancs colorés') }, // one word in common: 0
  ];

  test('gives the most alike first, at most three by default', () => {
    expect(SIMILAR_IDEAS_SHOWN).toBe(3);
    expect(findSimilarIdeas(idea('Plus de bancs au parc'), candidates).map((c) => c.id)).toEqual([3, 2, 6]);
  });

  test('takes a limit, keeps ties in the order given, and stops at the threshold', () => {
    expect(findSimilarIdeas(idea('Plus de bancs au parc'), candidates, 10).map((c) => c.id)).toEqual([3, 2, 6, 5, 7]);
    expect(findSimilarIdeas(idea('Plus de bancs au parc'), candidates, 1).map((c) => c.id)).toEqual([3]);
  });

  test('returns the candidates themselves', () => {
    const [first] = findSimilarIdeas(idea('Plus de bancs au parc'), candidates);
    expect(first).toBe(candidates[2]);
  });

  test('respects the threshold: two words of six and five shared are not enough, two of four and three are', () => {
    // dice = 2·2/(6+6) ≈ 0.33 < 0.34
    expect(findSimilarIdeas(idea('Bancs fontaines arbres ombre jeux pelouses'), [idea('Bancs pelouses toilettes poubelles parking marché')])).toEqual([]);
    // dice = 2·2/(4+3) ≈ 0.57 ≥ 0.34
    const match = idea('Bancs pelouses toilettes');
    expect(findSimilarIdeas(idea('Bancs fontaines pelouses arbres'), [match])).toEqual([match]);
  });

  test('finds nothing for an empty idea or among no candidates', () => {
    expect(findSimilarIdeas(idea('', ''), candidates)).toEqual([]);
    expect(findSimilarIdeas(idea('Des bancs'), [])).toEqual([]);
  });

  test('finds an English duplicate', () => {
    const lanes = idea('Safer bike lanes', 'Protected lanes on the main roads');
    const found = findSimilarIdeas(idea('Safe bike lane', 'Lanes protected from cars'), [idea('Night buses'), lanes, idea('Community gardens')]);
    expect(found).toEqual([lanes]);
  });
});
