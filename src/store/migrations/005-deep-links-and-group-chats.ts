import type { Migration } from './migration';

/**
 * Where a person came from (the deep link of a poster's QR code, first one kept), and the group
 * chats already told that the bot talks in private only (told once each).
 */
export const deepLinksAndGroupChats: Migration = {
  version: 5,
  name: 'deep_links_and_group_chats',
  sql: `
    ALTER TABLE person ADD COLUMN came_from TEXT;

    CREATE TABLE group_chat (
      channel TEXT NOT NULL,
      address TEXT NOT NULL,
      told_at TEXT NOT NULL,
      PRIMARY KEY (channel, address)
    ) STRICT, WITHOUT ROWID;
  `,
};
