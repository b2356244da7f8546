import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from '../../../src/lib/backoff';
import { seededRandom } from '../../../src/lib/seeded-random';

const constant = (value: number) => () => value;

describe('retryDelayMs', () => {
  test('with no jitter (random 0) waits half the exponential ceiling', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, constant(0)))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  test('with full jitter (random close to 1) waits up to the ceiling: 2 s, 4 s, 8 s …', () => {
    const almostOne = constant(1 - Number.EPSILON);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, almostOne))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  test('stays between half the ceiling and the ceiling, whatever the random draw', () => {
    const random = seededRandom(42);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ceiling = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
      for (let draw = 0; draw < 50; draw++) {
        const delay = retryDelayMs(attempt, random);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  test('is deterministic for a given seed and differs between seeds', () => {
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, random));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  test('actually spreads retries: many draws for one attempt are not all equal', () => {
    const random = seededRandom(1);
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, random)));
    expect(delays.size).toBeGreaterThan(10);
  });

  test('is capped at maxMs (15 minutes by default), even for huge attempt numbers', () => {
    for (const attempt of [10, 20, 100, 1_100, 1e6]) {
      expect(retryDelayMs(attempt, constant(0))).toBe(DEFAULT_BACKOFF.maxMs / 2);
      expect(retryDelayMs(attempt, constant(1 - Number.EPSILON))).toBe(15 * 60_000);
    }
  });

  test('treats attempt 0 or a negative attempt as the first retry', () => {
    expect(retryDelayMs(0, constant(0.5))).toBe(retryDelayMs(1, constant(0.5)));
    expect(retryDelayMs(-3, constant(0.5))).toBe(1_500);
  });

  test('follows a custom policy', () => {
    const policy: BackoffPolicy = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, constant(0.5), policy))).toEqual([75, 150, 300, 600, 750, 750]);
  });

  test('draws exactly one random number per call', () => {
    let calls = 0;
    retryDelayMs(4, () => {
      calls++;
      return 0.3;
    });
    expect(calls).toBe(1);
  });
});
