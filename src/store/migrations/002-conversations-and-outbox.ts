import type { Migration } from './migration';

/** Where each conversation stands, which inbound messages were processed, and what is to be sent. */
export const conversationsAndOutbox: Migration = {
  version: 2,
  name: 'conversations_and_outbox',
  sql: `
    CREATE TABLE conversation (
      contact_id INTEGER PRIMARY KEY REFERENCES contact_point (id) ON DELETE CASCADE,
      state TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Ids only, never bodies: enough to process a redelivered message once.
    CREATE TABLE inbound_message (
      channel TEXT NOT NULL,
      external_id TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (channel, external_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX inbound_message_received ON inbound_message (received_at);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      contact_id INTEGER REFERENCES contact_point (id) ON DELETE CASCADE,
      channel TEXT NOT NULL,
      -- address and language are set only on a message that outlives its contact point
      -- (the confirmation of an erasure); other rows follow the contact point.
      address TEXT,
      language TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('reply', 'bulk')),
      payload TEXT NOT NULL,
      ignore_opt_out INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      not_before TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      sent_at TEXT,
      provider_id TEXT,
      error TEXT,
      CHECK (contact_id IS NOT NULL OR address IS NOT NULL)
    ) STRICT;
    CREATE INDEX outbox_pending ON outbox (channel, status, not_before) WHERE status IN ('queued', 'sending');
    CREATE INDEX outbox_contact ON outbox (contact_id, id);
  `,
};
