import type { Language } from '../domain/language';
import type { OutgoingMessage } from '../domain/outgoing-message';

/** What a queued message becomes when it leaves: written again from today's data, or expired. */
export type Refreshed = { readonly message: OutgoingMessage } | { readonly expired: string };

/**
 * Writes a queued message again at the moment it is sent, for messages tagged with what they are
 * `about` (an invitation to a draw): the data of that moment (dates, deadline) in the reader's
 * language of that moment; or says it expired (answered meanwhile, delay over), and it is not
 * sent. Null: not a subject this refresher knows; the message goes as queued.
 */
export type MessageRefresher = (message: OutgoingMessage, language: Language | null, now: Date) => Refreshed | null;
