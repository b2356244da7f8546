import type { SendResult } from '../../channel';

/** Twilio's error for a number that replied STOP: no message will reach it until it sends START. */
const UNSUBSCRIBED = 21610;

/** Seconds (or an HTTP date) in `Retry-After`, as milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Classifies a failed call to the Messages API.
 * NOTE: https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions and
 * https://www.twilio.com/docs/api/errors/21610 — 429 and 5xx pass (honour `Retry-After`); 21610
 * means the person opted out at the provider, so they are unreachable; other 4xx are permanent.
 */
export function classifyTwilioResponse(status: number, body: { code?: unknown }, retryAfter: string | null, now: Date): SendResult {
  const code = typeof body.code === 'number' ? body.code : null;
  const reason = `twilio_${status}${code !== null ? `_${code}` : ''}`;
  if (status === 429 || status >= 500) {
    const delay = retryAfterMs(retryAfter, now);
    return { status: 'retry', reason, ...(delay !== undefined ? { retryAfterMs: delay } : {}) };
  }
  if (code === UNSUBSCRIBED) return { status: 'failed', reason, unreachable: true };
  return { status: 'failed', reason };
}
