import { gsm7Septets, isGsm7 } from './gsm7-alphabet';

/** How an SMS is encoded: GSM-7 when every character allows it, else UCS-2 (UTF-16). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/** What a text costs as SMS. */
export interface SmsCost {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  /** Messages billed: 1 for a text that fits one SMS, else the parts of a concatenated SMS. */
  readonly segments: number;
}

/**
 * Capacity of one SMS, alone and as a part of a concatenated one (whose header takes 6 bytes).
 * NOTE: https://www.twilio.com/docs/glossary/what-sms-character-limit — GSM-7 160/153, UCS-2 70/67.
 */
const CAPACITY: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/**
 * Parts needed when a part holds `part` units: an escaped GSM-7 character, or a surrogate pair in
 * UCS-2, is never cut across two parts (phones reassemble per part), so a part may hold one less.
 */
function partsNeeded(costs: readonly number[], part: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/**
 * Counts the segments a text is billed as. One character outside GSM-7 turns the whole message
 * to UCS-2, where each UTF-16 code unit counts (an emoji counts two). An empty text is one SMS.
 */
export function smsCost(text: string): SmsCost {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const costs = [...text].map((char) => (encoding === 'gsm7' ? (gsm7Septets(char) ?? 1) : char.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, part } = CAPACITY[encoding];
  return { encoding, units, segments: units <= single ? 1 : partsNeeded(costs, part) };
}
