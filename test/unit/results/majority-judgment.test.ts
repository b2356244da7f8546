import {
  compareProposals,
  majorityGauge,
  majorityGrade,
  rankProposals,
  type MeritProfile,
} from '../../../src/results/majority-judgment';
import { seededRandom } from '../../../src/lib/seeded-random';

const sign = (x: number) => Math.sign(x) || 0;

describe('published worked examples', () => {
  test('Tennessee capital (Wikipedia "Majority judgment"): Nashville wins, then Chattanooga, Knoxville, Memphis', () => {
    // Voters: 42 % Memphis > Nashville > Chattanooga > Knoxville; 26 % Nashville > Chattanooga >
    // Knoxville > Memphis; 15 % Chattanooga > Knoxville > Nashville > Memphis; 17 % Knoxville >
    // Chattanooga > Nashville > Memphis. Each voter gives Excellent, Good, Fair, Poor to their
    // 1st, 2nd, 3rd, 4th choice (the article's rule), hence these profiles (in %).
    const grades = ['Excellent', 'Good', 'Fair', 'Poor'];
    const ranked = rankProposals([
      { city: 'Memphis', counts: [42, 0, 0, 58] },
      { city: 'Nashville', counts: [26, 42, 32, 0] },
      { city: 'Chattanooga', counts: [15, 43, 42, 0] },
      { city: 'Knoxville', counts: [17, 15, 26, 42] },
    ]);
    expect(ranked.map((p) => [p.rank, p.city, grades[p.majorityGrade!]])).toEqual([
      [1, 'Nashville', 'Good'],
      [2, 'Chattanooga', 'Good'],
      [3, 'Knoxville', 'Fair'],
      [4, 'Memphis', 'Poor'],
    ]);
    // Nashville and Chattanooga are both "Good-": Nashville has fewer grades below Good (32 % < 42 %).
    expect(majorityGauge([26, 42, 32, 0])).toMatchObject({ grade: 1, sign: '-', better: 0.26, worse: 0.32 });
    expect(majorityGauge([15, 43, 42, 0])).toMatchObject({ grade: 1, sign: '-', better: 0.15, worse: 0.42 });
  });

  test('Orsay 2007 (Balinski & Laraki, "Election by Majority Judgement: Experimental Evidence", p. 17): Bayrou wins', () => {
    // Published shares in per mille, grades Très bien, Bien, Assez bien, Passable, Insuffisant,
    // À rejeter (some rows add up to 1001 or 1002 because the paper rounds each share).
    const scale = ['Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter'];
    const ranked = rankProposals([
      { name: 'Besancenot', counts: [41, 99, 163, 160, 226, 311] },
      { name: 'Buffet', counts: [25, 76, 125, 206, 264, 304] },
      { name: 'Schivardi', counts: [5, 10, 39, 95, 249, 604] },
      { name: 'Bayrou', counts: [136, 307, 251, 148, 84, 74] },
      { name: 'Bové', counts: [15, 60, 114, 160, 257, 395] },
      { name: 'Voynet', counts: [29, 93, 175, 237, 261, 205] },
      { name: 'de Villiers', counts: [24, 64, 87, 113, 158, 555] },
      { name: 'Royal', counts: [167, 227, 191, 168, 122, 126] },
      { name: 'Nihous', counts: [3, 18, 53, 110, 267, 550] },
      { name: 'Le Pen', counts: [30, 46, 62, 65, 54, 744] },
      { name: 'Laguiller', counts: [21, 53, 102, 166, 259, 401] },
      { name: 'Sarkozy', counts: [191, 198, 143, 115, 71, 282] },
    ]);
    const withSign = (p: (typeof ranked)[number]) => `${scale[p.majorityGrade!]}${p.better > p.worse ? '+' : '-'}`;
    expect(ranked.map((p) => [p.rank, p.name, withSign(p)])).toEqual([
      [1, 'Bayrou', 'Assez bien+'],
      [2, 'Royal', 'Assez bien-'],
      [3, 'Sarkozy', 'Assez bien-'],
      [4, 'Voynet', 'Passable-'],
      [5, 'Besancenot', 'Insuffisant+'],
      [6, 'Buffet', 'Insuffisant+'],
      [7, 'Bové', 'Insuffisant-'],
      [8, 'Laguiller', 'Insuffisant-'],
      [9, 'Nihous', 'À rejeter+'],
      [10, 'de Villiers', 'À rejeter+'],
      [11, 'Schivardi', 'À rejeter+'],
      [12, 'Le Pen', 'À rejeter+'],
    ]);
  });

  test('French Wikipedia "Jugement majoritaire" (A vs B, in basis points): both "Bien-", A wins with fewer grades below', () => {
    const a = [1742, 2128, 1971, 912, 1763, 1484];
    const b = [1705, 2073, 1295, 1342, 1158, 2427];
    expect(majorityGrade(a)).toBe(2);
    expect(majorityGrade(b)).toBe(2);
    expect(compareProposals(a, b)).toBeLessThan(0);
  });
});

describe('majorityGrade and majorityGauge', () => {
  test('an odd number of judges: the middle grade', () => {
    expect(majorityGrade([1, 1, 1])).toBe(1);
    expect(majorityGrade([0, 0, 5])).toBe(2);
  });

  test('an even number of judges: the worse of the two middle grades (lower median)', () => {
    expect(majorityGrade([1, 0, 1])).toBe(2);
    expect(majorityGrade([2, 2])).toBe(1);
    expect(majorityGrade([3, 1, 0])).toBe(0);
  });

  test('the gauge gives the shares strictly better and strictly worse, and "-" when they are equal', () => {
    expect(majorityGauge([3, 2, 2])).toEqual({ grade: 1, betterCount: 3, worseCount: 2, total: 7, better: 3 / 7, worse: 2 / 7, sign: '+' });
    expect(majorityGauge([1, 1, 1])).toMatchObject({ grade: 1, better: 1 / 3, worse: 1 / 3, sign: '-' });
  });

  test('a profile with no grade has no majority grade and no gauge', () => {
    expect(majorityGrade([0, 0, 0])).toBeNull();
    expect(majorityGrade([])).toBeNull();
    expect(majorityGauge([0, 0])).toBeNull();
  });

  test('refuses counts that are not whole numbers of judges, and scales of different lengths', () => {
    expect(() => majorityGrade([1, -1, 2])).toThrow(RangeError);
    expect(() => majorityGrade([1.5, 2])).toThrow(RangeError);
    expect(() => compareProposals([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('tie-breaking', () => {
  test('same majority grade: a "+" gauge beats a "-" gauge', () => {
    expect(compareProposals([3, 2, 2], [2, 2, 3])).toBeLessThan(0);
    expect(compareProposals([2, 2, 3], [3, 2, 2])).toBeGreaterThan(0);
  });

  test('both "+": the larger share above the majority grade wins, whatever the number of judges', () => {
    // 3/7 ≈ 43 % above "grade 1" beats 4/10 = 40 %, although 4 judges > 3 judges.
    expect(compareProposals([3, 2, 2], [4, 3, 3])).toBeLessThan(0);
  });

  test('both "-": the smaller share below the majority grade wins', () => {
    expect(compareProposals([1, 4, 2], [2, 2, 3])).toBeLessThan(0);
  });

  test('equal gauges: removes the majority grade again and again until the profiles differ', () => {
    // Sorted best first: A = 1,1,2,3,4 and B = 0,1,2,3,4: same gauge "2-" (2/5 above, 2/5 below),
    // same grades after removing 2, then 3, then 1, then 4; B's last grade (0) beats A's (1).
    const a = [0, 2, 1, 1, 1];
    const b = [1, 1, 1, 1, 1];
    expect(majorityGauge(a)).toMatchObject({ grade: 2, betterCount: 2, worseCount: 2 });
    expect(majorityGauge(b)).toMatchObject({ grade: 2, betterCount: 2, worseCount: 2 });
    expect(compareProposals(b, a)).toBeLessThan(0);
    expect(compareProposals(a, b)).toBeGreaterThan(0);
  });

  test('equal gauges with different numbers of judges are compared by shares', () => {
    // Same shares as B above with twice the judges, against A: still B first.
    expect(compareProposals([2, 2, 2, 2, 2], [0, 2, 1, 1, 1])).toBeLessThan(0);
  });

  test('a perfect tie (same shares) shares a rank, and the next rank skips: 1, 1, 3', () => {
    const ranked = rankProposals([
      { id: 'half', counts: [1, 2, 1] },
      { id: 'best', counts: [4, 0, 0] },
      { id: 'double', counts: [2, 4, 2] },
      { id: 'worst', counts: [0, 0, 3] },
    ]);
    expect(compareProposals([1, 2, 1], [2, 4, 2])).toBe(0);
    expect(ranked.map((p) => [p.id, p.rank])).toEqual([
      ['best', 1],
      ['half', 2],
      ['double', 2],
      ['worst', 4],
    ]);
  });

  test('exact ties keep their input order', () => {
    const ranked = rankProposals([
      { id: 'b', counts: [1, 1] },
      { id: 'a', counts: [1, 1] },
      { id: 'c', counts: [3, 3] },
    ]);
    expect(ranked.map((p) => [p.id, p.rank])).toEqual([
      ['b', 1],
      ['a', 1],
      ['c', 1],
    ]);
  });

  test('proposals nobody graded rank last, tied together, with zero shares', () => {
    const ranked = rankProposals([
      { id: 'empty-1', counts: [0, 0, 0] },
      { id: 'rejected', counts: [0, 0, 1] },
      { id: 'empty-2', counts: [0, 0, 0] },
    ]);
    expect(ranked).toEqual([
      { id: 'rejected', counts: [0, 0, 1], rank: 1, majorityGrade: 2, better: 0, worse: 0, total: 1 },
      { id: 'empty-1', counts: [0, 0, 0], rank: 2, majorityGrade: null, better: 0, worse: 0, total: 0 },
      { id: 'empty-2', counts: [0, 0, 0], rank: 2, majorityGrade: null, better: 0, worse: 0, total: 0 },
    ]);
    expect(rankProposals([])).toEqual([]);
  });
});

/** Random profiles from a seeded generator: 2 to 7 grades, 0 to 9 judges per grade. */
function profileGenerator(seed: number) {
  const random = seededRandom(seed);
  const integer = (below: number) => Math.floor(random() * below);
  return {
    integer,
    profile(gradeCount: number, atLeastOneJudge = true): number[] {
      const counts = Array.from({ length: gradeCount }, (): number => (random() < 0.3 ? 0 : integer(10)));
      if (atLeastOneJudge && !counts.some((count) => count > 0)) counts[integer(gradeCount)] = 1;
      return counts;
    },
  };
}

/**
 * The textbook procedure, as a reference: scale both profiles to the same number of judges,
 * then remove the lower median of each, one at a time, until the medians differ.
 */
function literalMajorityJudgment(a: MeritProfile, b: MeritProfile): number {
  const totalA = a.reduce((sum, count) => sum + count, 0);
  const totalB = b.reduce((sum, count) => sum + count, 0);
  const left = a.map((count) => count * totalB);
  const right = b.map((count) => count * totalA);
  for (let remaining = totalA * totalB; remaining > 0; remaining--) {
    const medianA = majorityGrade(left)!;
    const medianB = majorityGrade(right)!;
    if (medianA !== medianB) return sign(medianA - medianB);
    left[medianA]! -= 1;
    right[medianB]! -= 1;
  }
  return 0;
}

describe('properties on random profiles (seeded, deterministic)', () => {
  const CASES = 400;

  test('agrees with the textbook procedure of removing medians one at a time', () => {
    const { integer, profile } = profileGenerator(1);
    for (let i = 0; i < CASES; i++) {
      const grades = 2 + integer(5);
      // Few grades and judges so that equal gauges (the deep tie-break) happen often.
      const a = profile(grades).map((count) => count % 4);
      const b = profile(grades).map((count) => count % 4);
      if (a.every((count) => count === 0) || b.every((count) => count === 0)) continue;
      expect([a, b, sign(compareProposals(a, b))]).toEqual([a, b, literalMajorityJudgment(a, b)]);
    }
  });

  // Monotonicity: +1 for a grade better than the majority grade, -1 for a worse one. The new
  // grade moves the majority grade (lower index = better) and the comparison with any other
  // proposal only in its own direction, never the other way.
  test.each([
    { direction: -1, where: 'better', seed: 2 },
    { direction: 1, where: 'worse', seed: 3 },
  ])('adding a grade $where than the majority grade moves the majority grade and the rank only that way', ({ direction, seed }) => {
    const { integer, profile } = profileGenerator(seed);
    for (let i = 0; i < CASES; i++) {
      const grades = 2 + integer(6);
      const a = profile(grades);
      const b = profile(grades, i % 10 !== 0);
      const grade = majorityGrade(a)!;
      const room = direction < 0 ? grade : grades - 1 - grade;
      if (room === 0) continue;
      const changed = [...a];
      changed[grade + direction * (1 + integer(room))]! += 1;
      const gradeMove = sign(majorityGrade(changed)! - grade);
      const rankMove = sign(compareProposals(changed, b)) - sign(compareProposals(a, b));
      expect([a, changed, b, gradeMove !== -direction, rankMove * direction >= 0]).toEqual([a, changed, b, true, true]);
    }
  });

  test('compareProposals is antisymmetric and transitive', () => {
    const { integer, profile } = profileGenerator(4);
    for (let i = 0; i < CASES; i++) {
      const grades = 2 + integer(4);
      const [a, b, c] = [profile(grades, i % 7 !== 0), profile(grades), profile(grades)].map((p) => p.map((n) => n % 5));
      expect([a, b, sign(compareProposals(a!, b!)) + sign(compareProposals(b!, a!))]).toEqual([a, b, 0]);
      // Sorting the triple must give a consistent chain: x ≤ y ≤ z implies x ≤ z, strictly if either step is strict.
      const [x, y, z] = [a!, b!, c!].sort(compareProposals);
      const xy = compareProposals(x!, y!);
      const yz = compareProposals(y!, z!);
      const xz = compareProposals(x!, z!);
      expect([x, y, z, xy <= 0, yz <= 0, sign(xz)]).toEqual([x, y, z, true, true, xy < 0 || yz < 0 ? -1 : 0]);
    }
  });

  test('the ranking does not change when every count of one profile is multiplied by the same integer', () => {
    const { integer, profile } = profileGenerator(5);
    for (let i = 0; i < CASES; i++) {
      const grades = 2 + integer(5);
      const proposals = Array.from({ length: 2 + integer(4) }, (_, id) => ({ id, counts: profile(grades, i % 9 !== 0) }));
      const scaledIndex = integer(proposals.length);
      const factor = 2 + integer(6);
      const scaled = proposals.map((p) => (p.id === scaledIndex ? { ...p, counts: p.counts.map((n) => n * factor) } : p));
      const ranks = (list: typeof proposals) => rankProposals(list).map((p) => [p.id, p.rank]);
      expect(ranks(scaled)).toEqual(ranks(proposals));
    }
  });
});
