/** `load`, called on first use only, its value kept for later calls (within one turn). */
export function once<T>(load: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: load() }).v;
}
