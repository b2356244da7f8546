import type { ChannelKind } from '../domain/channel-kind';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { text } from '../domain/text';
import type { DigestPerson, DigestSection } from './digest-sections';

/**
 * People named in one SMS of a digest. Every text the bot sends by SMS fits 3 segments
 * (bench/sms-texts.ts), but a digest grows with the people a mediator supports: one SMS per
 * paragraph, and a paragraph about more people is split, so that the longest names and session
 * titles still fit (test/unit/digest/digest-messages.test.ts measures it).
 */
export const SMS_PEOPLE_PER_MESSAGE = 3;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * A digest as the messages that carry it: one message, a heading, the paragraphs and how to act
 * for someone; by SMS, one message per paragraph (and per few people), the heading in the first
 * and how to act in the last. Nothing when there is no paragraph.
 */
export function digestMessages(sections: readonly DigestSection[], channel: ChannelKind): OutgoingMessage[] {
  const heading = text('digest:heading');
  const act = text('digest:act');
  if (sections.length === 0) return [];
  if (channel !== 'sms') return [{ parts: [heading, ...sections.map((s) => s.text(s.people)), act] }];
  const paragraphs = sections.flatMap((s) => chunks<DigestPerson>(s.people, SMS_PEOPLE_PER_MESSAGE).map((share) => s.text(share)));
  return paragraphs.map((paragraph, i) => ({
    parts: [...(i === 0 ? [heading] : []), paragraph, ...(i === paragraphs.length - 1 ? [act] : [])],
  }));
}
