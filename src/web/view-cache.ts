/**
 * View models kept for a while: a page read by many at once (a results page shared on social
 * media, the dashboard left open by every agent) computes its figures once per period.
 */
export class ViewCache {
  private readonly entries = new Map<string, { readonly until: number; readonly value: unknown }>();

  /** `now` gives the time in milliseconds (the app's clock, so that tests move it). */
  constructor(private readonly now: () => number) {}

  /** The value kept under `key`, or `compute`'s, kept for `ttlMs`. */
  get<T>(key: string, ttlMs: number, compute: () => T): T {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value as T;
    const value = compute();
    this.entries.set(key, { until: now + ttlMs, value });
    return value;
  }
}
