import type { Language } from '../domain/language';
import { smsCost } from '../lib/sms/sms-segments';
import { toGsm7 } from '../lib/sms/to-gsm7';

/** A notice is short: at most this many characters (three SMS when it stays in GSM-7). */
export const BROADCAST_TEXT_MAX = 450;
/** Fewer characters than this is a slip ("1", "oui"), not a notice. */
export const BROADCAST_TEXT_MIN = 10;

/** SMS one version of a notice costs, as the SMS channel sends it (transliterated to GSM-7). */
export function noticeSmsSegments(value: string): number {
  return smsCost(toGsm7(value)).segments;
}

/** SMS a recipient reading by SMS costs: the longest version's. */
export function noticeSmsCost(texts: Readonly<Partial<Record<Language, string>>>): number {
  return Math.max(1, ...Object.values(texts).map((value) => noticeSmsSegments(value ?? '')));
}
