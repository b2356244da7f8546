/** How retries of a failed send are spaced. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Default spacing: 2 s, 4 s, 8 s … up to 15 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000 };

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many failed sends do not all come back at once.
 * `random` is injected so that tests are deterministic.
 */
export function retryDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
