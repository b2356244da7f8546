import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature Twilio sends in `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth
 * token, of the full URL Twilio posted to followed by every form parameter, sorted by name,
 * as name then value.
 * NOTE: https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const sorted = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const payload = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/** Whether `signature` is the right one, compared in constant time (no timing oracle). */
export function validTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
