import type { ChannelKind } from '../domain/channel-kind';
import type { Db } from './database';

/** Group chats the bot was written to in: each is told once that the bot talks in private. */
export interface GroupChatsRepo {
  /** Records that the group is being told; false when it already was. */
  markTold(channel: ChannelKind, address: string, now: Date): boolean;
}

/** GroupChatsRepo on SQLite. */
export class SqliteGroupChatsRepo implements GroupChatsRepo {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO group_chat (channel, address, told_at) VALUES (?, ?, ?)');
  }

  markTold(channel: ChannelKind, address: string, now: Date): boolean {
    return this.insert.run(channel, address, now.toISOString()).changes === 1;
  }
}
