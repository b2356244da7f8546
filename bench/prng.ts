/**
 * mulberry32: a tiny seeded pseudo-random generator. Not for cryptography; here it only makes
 * the benchmark's varied inputs the same from one run to the next, so runs are comparable.
 * Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list, chosen with `random`. */
export function pick<T>(random: () => number, items: readonly [T, ...T[]]): T {
  // The index is always in range: random() < 1. The fallback only satisfies noUncheckedIndexedAccess.
  return items[Math.floor(random() * items.length)] ?? items[0];
}
