import { CHANNEL_CAPABILITIES } from '../channels/capabilities';
import type { Translator } from '../i18n/translator';
import { renderMessage } from '../rendering/render-message';
import type { OutboxRecord } from '../store/outbox-repo';
import type { Store } from '../store/store';

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
  /** What it says, in its reader's language, as their channel shows it. */
  readonly text: string;
}

function listed(row: OutboxRecord, translator: Translator): ListedMessage {
  return {
    id: row.id,
    channel: row.channel,
    address: row.targetAddress,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    created_at: row.createdAt,
    not_before: row.notBefore,
    sent_at: row.sentAt,
    error: row.error,
    text: renderMessage(row.message, row.targetLanguage, translator, CHANNEL_CAPABILITIES[row.channel]).text,
  };
}

/** Everything sent to a person, or waiting, on any of their contact points, oldest first. */
export function messagesTo(store: Store, translator: Translator, personId: number): ListedMessage[] {
  return store.contacts
    .forPerson(personId)
    .flatMap((contact) => store.outbox.forContact(contact.id))
    .sort((a, b) => a.id - b.id)
    .map((row) => listed(row, translator));
}

/** The latest `limit` messages, oldest first. */
export function recentMessages(store: Store, translator: Translator, limit: number): ListedMessage[] {
  return store.outbox
    .recent(limit)
    .reverse()
    .map((row) => listed(row, translator));
}
