import type { ChannelKind } from './channel-kind';
import type { Language } from './language';

/** An answer to "will you come?". Persisted. */
export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const;
/** One of yes, no, maybe. */
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** A text an agent wrote, per language (the default language's is always there). */
export type AgentText = Readonly<Partial<Record<Language, string>>>;

/** A dated meeting of the assembly. */
export interface AssemblySession {
  readonly id: number;
  readonly title: AgentText;
  readonly description: AgentText | null;
  readonly place: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** Minutes before the start at which reminders go; null: the deployment's default. */
  readonly reminderOffsets: readonly number[] | null;
  readonly status: 'scheduled' | 'cancelled';
}

/** A session as a person sees it in chat: with their own answer. */
export interface SessionView extends AssemblySession {
  readonly myAnswer: RsvpAnswer | null;
}

/** The text in `language`, else in `fallback`, else any. */
export function agentText(text: AgentText, language: Language | null, fallback: Language): string {
  return (language ? text[language] : undefined) ?? text[fallback] ?? Object.values(text).find((t) => t !== undefined) ?? '';
}

/**
 * Upcoming sessions offered in chat at most: a longer menu is no help. By SMS, where a menu of
 * eight long titles costs six messages, three (the soonest; later ones show as dates pass).
 */
export function sessionsShownOn(channel: ChannelKind): number {
  return channel === 'sms' ? 3 : 8;
}
