import { editDistance } from '../../../../src/lib/text/edit-distance';
import { seededRandom } from '../../../../src/lib/seeded-random';

/** Reference optimal string alignment distance: the full table, no early exit. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const cell = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, cell(i - 2, j - 2) + 1);
      d[i]![j] = value;
    }
  }
  return cell(a.length, b.length);
}

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['beaulieu', 'beaulieu', 0],
    ['kitten', 'sitting', 3],
    ['beualieu', 'beaulieu', 1],
    ['ab', 'ba', 1],
    ['couronerie', 'couronnerie', 1],
    ['montmidi', 'montmidy', 1],
    ['flaw', 'lawn', 2],
    // Optimal string alignment, not full Damerau: a transposed pair is not edited again.
    ['ca', 'abc', 3],
  ])('editDistance(%j, %j) = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  test('returns the exact distance when it is within the limit', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('beualieu', 'beaulieu', 1)).toBe(1);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });

  test('returns more than the limit when the limit cannot be met', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBeGreaterThan(1);
    expect(editDistance('abc', 'abd', 0)).toBeGreaterThan(0);
    // Lengths too far apart: answered without filling the table.
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  test('agrees with a reference implementation on random strings, with and without a limit', () => {
    const random = seededRandom(7);
    const word = () => Array.from({ length: Math.floor(random() * 8) }, () => 'abc'[Math.floor(random() * 3)]).join('');
    for (let n = 0; n < 500; n++) {
      const a = word();
      const b = word();
      const full = referenceDistance(a, b);
      expect(editDistance(a, b)).toBe(full);
      for (const limit of [0, 1, 2, 3]) {
        const limited = editDistance(a, b, limit);
        if (full <= limit) expect(limited).toBe(full);
        else expect(limited).toBeGreaterThan(limit);
      }
    }
  });
});
