/** One element of a non-empty list, chosen with `random`. */
export function pick<T>(random: () => number, items: readonly [T, ...T[]]): T {
  // The index is always in range: random() < 1. The fallback only satisfies noUncheckedIndexedAccess.
  return items[Math.floor(random() * items.length)] ?? items[0];
}
