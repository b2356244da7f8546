import type { Migration } from './migration';

/**
 * The web face's sign-in: one-time links that staff ask for in chat, and the sessions they open.
 * Only hashes of the secrets are kept (the link's token, the session cookie), so that a copy of
 * the database opens nothing. Both go with their person when the person is erased. An index lets
 * the dashboard count recent messages without reading the whole outbox.
 */
export const webAccess: Migration = {
  version: 14,
  name: 'web_access',
  sql: `
    -- A link asked for with WEB. token_hash is set when the message leaves (the link is made at
    -- that moment, never stored in the outbox); expires_at: until when the link may be sent, then
    -- until when it may be used.
    CREATE TABLE web_sign_in (
      id INTEGER PRIMARY KEY,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      requested_at TEXT NOT NULL,
      token_hash TEXT UNIQUE,
      sent_at TEXT,
      expires_at TEXT NOT NULL,
      used_at TEXT
    ) STRICT;
    CREATE INDEX web_sign_in_person ON web_sign_in (person_id);

    CREATE TABLE web_session (
      id INTEGER PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      -- The session's own anti-forgery token, put in every form it is shown.
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX web_session_person ON web_session (person_id);

    -- The agents' dashboard counts the day's and the week's finished messages by channel, status
    -- and reason: without this, each count reads the whole outbox.
    CREATE INDEX outbox_finished ON outbox (updated_at, status, channel, error);
  `,
};
