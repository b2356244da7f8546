import { CHANNEL_CAPABILITIES } from '../channels/capabilities';
import type { Translator } from '../i18n/translator';
import { renderMessage } from '../rendering/render-message';
import type { OutboxRecord, RedactedBallot } from '../store/outbox-repo';
import type { Store } from '../store/store';
import { StoreLiveData } from './live-data';

/** A message as agents look it up ("did I get the reminder?"), snake_case: `parlons outbox --json` prints it as is. */
export interface ListedMessage {
  readonly id: number;
  readonly channel: string;
  readonly address: string;
  readonly kind: string;
  readonly status: string;
  readonly attempts: number;
  readonly created_at: string;
  readonly not_before: string;
  readonly sent_at: string | null;
  /** Why it failed or was not sent (the provider's reason, `opted_out`, `expired`…). */
  readonly error: string | null;
  /** What it says: what was sent, as sent; what waits, as it would leave now (empty when removed). */
  readonly text: string;
  readonly buttons?: readonly string[];
  /** `sent`: the text as it left; `now`: as it would leave now; `removed`: a ballot's content, removed at closing. */
  readonly as: 'sent' | 'now' | 'removed';
  /** What the removed message was (a receipt, a summary, an answer), for each face to say in its words. */
  readonly removed?: RedactedBallot;
}

function listed(row: OutboxRecord, translator: Translator, live: StoreLiveData): ListedMessage {
  const common = {
    id: row.id,
    channel: row.channel,
    address: row.targetAddress,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    created_at: row.createdAt,
    not_before: row.notBefore,
    sent_at: row.sentAt,
    // A question another has followed stays queued until the sender reaches it, then ends unsent.
    error: row.error ?? (row.superseded && row.status === 'queued' ? 'superseded' : null),
  };
  if (row.redacted) return { ...common, text: '', as: 'removed', removed: row.redacted };
  if (row.sent) return { ...common, ...row.sent, as: 'sent' };
  const rendered = renderMessage(row.message, row.targetLanguage, translator, CHANNEL_CAPABILITIES[row.channel], { live: (ref) => live.resolve(ref) });
  const buttons = rendered.buttons?.map((b) => b.label);
  return { ...common, text: rendered.text, ...(buttons && buttons.length > 0 ? { buttons } : {}), as: 'now' };
}

/** Everything sent to a person, or waiting, on any of their contact points, oldest first. */
export function messagesTo(store: Store, translator: Translator, personId: number): ListedMessage[] {
  const live = new StoreLiveData(store);
  return store.contacts
    .forPerson(personId)
    .flatMap((contact) => store.outbox.forContact(contact.id))
    .sort((a, b) => a.id - b.id)
    .map((row) => listed(row, translator, live));
}

/** The latest `limit` messages, oldest first. */
export function recentMessages(store: Store, translator: Translator, limit: number): ListedMessage[] {
  const live = new StoreLiveData(store);
  return store.outbox
    .recent(limit)
    .reverse()
    .map((row) => listed(row, translator, live));
}
