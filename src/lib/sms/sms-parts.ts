import { smsCost } from './sms-segments';

/** Segments one SMS may take: beyond three, phones reassemble long messages unreliably, and each costs more. */
export const MAX_SMS_SEGMENTS = 3;

/**
 * The SMS a text is sent as: its paragraphs packed in order into messages of at most
 * `maxSegments` segments each, cut only between paragraphs, so that a question stays whole with
 * its numbered menu (its last paragraph). A paragraph that is longer by itself is sent whole: the
 * texts are written so that none is (`npm run sms-segments` measures them). Packing can also
 * save segments: two SMS of 160 characters cost less than a long one cut into parts of 153.
 */
export function smsParts(text: string, maxSegments = MAX_SMS_SEGMENTS): string[] {
  const parts: string[] = [];
  let current = '';
  for (const paragraph of text.split('\n\n')) {
    const joined = current === '' ? paragraph : `${current}\n\n${paragraph}`;
    if (current !== '' && smsCost(joined).segments > maxSegments) {
      parts.push(current);
      current = paragraph;
    } else {
      current = joined;
    }
  }
  parts.push(current);
  return parts;
}
