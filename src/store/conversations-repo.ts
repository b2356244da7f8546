import type { ChannelKind } from '../domain/channel-kind';
import type { ConversationState } from '../flows/engine/conversation-state';
import type { Db } from './database';
import { rewriteStateRows } from './rewrite-state-rows';

/** Conversation state per contact point, and the ids of inbound messages already processed. */
export interface ConversationsRepo {
  load(contactId: number): ConversationState | null;
  /** Saves the state, or forgets it when the conversation is idle (null). */
  save(contactId: number, state: ConversationState | null, now: Date): void;
  /**
   * Rewrites saved states that contain `needle` in their JSON (a quick filter) with `edit`, which
   * returns the state to keep (unchanged: the same object). Returns how many were rewritten.
   */
  rewriteStates(needle: string, edit: (state: ConversationState) => ConversationState): number;
  /** Records an inbound message id; false when it was already processed (a redelivery). */
  markProcessed(channel: ChannelKind, externalId: string, now: Date): boolean;
  /** Forgets processed ids older than `before` (channels stop redelivering long before). */
  pruneProcessed(before: Date): number;
}

/** ConversationsRepo on SQLite. */
export class SqliteConversationsRepo implements ConversationsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      load: db.prepare<[number], { state: string }>('SELECT state FROM conversation WHERE contact_id = ?'),
      upsert: db.prepare<[number, string, string]>(
        `INSERT INTO conversation (contact_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      delete: db.prepare<[number]>('DELETE FROM conversation WHERE contact_id = ?'),
      containing: db.prepare<[string], { contact_id: number; state: string }>("SELECT contact_id, state FROM conversation WHERE instr(state, ?) > 0"),
      rewrite: db.prepare<[string, number]>('UPDATE conversation SET state = ? WHERE contact_id = ?'),
      markProcessed: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO inbound_message (channel, external_id, received_at) VALUES (?, ?, ?)',
      ),
      prune: db.prepare<[string]>('DELETE FROM inbound_message WHERE received_at < ?'),
    };
  }

  load(contactId: number): ConversationState | null {
    const row = this.statements.load.get(contactId);
    return row ? (JSON.parse(row.state) as ConversationState) : null;
  }

  save(contactId: number, state: ConversationState | null, now: Date): void {
    if (state) this.statements.upsert.run(contactId, JSON.stringify(state), now.toISOString());
    else this.statements.delete.run(contactId);
  }

  rewriteStates(needle: string, edit: (state: ConversationState) => ConversationState): number {
    return rewriteStateRows(this.statements.containing.all(needle), edit, (contactId, state) => this.statements.rewrite.run(state, contactId));
  }

  markProcessed(channel: ChannelKind, externalId: string, now: Date): boolean {
    return this.statements.markProcessed.run(channel, externalId, now.toISOString()).changes === 1;
  }

  pruneProcessed(before: Date): number {
    return this.statements.prune.run(before.toISOString()).changes;
  }
}
