import type { ChannelKind } from '../domain/channel-kind';
import type { ContactPointView } from '../domain/person-snapshot';
import type { Db } from './database';

/** A contact point row. */
export interface ContactPointRecord extends ContactPointView {
  readonly personId: number;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
  readonly unreachableAt: string | null;
}

/** How precisely `last_seen_at` is kept when a person writes (see ContactsRepo.seen). */
export const LAST_SEEN_PRECISION_MS = 60_000;

/** Where people are reached: one row per channel and address. */
export interface ContactsRepo {
  find(channel: ChannelKind, address: string): ContactPointRecord | null;
  findById(id: number): ContactPointRecord | null;
  create(personId: number, channel: ChannelKind, address: string, now: Date): ContactPointRecord;
  forPerson(personId: number): ContactPointRecord[];
  /** Records that the person wrote from this contact point (it is reachable again). */
  touch(id: number, now: Date): void;
  /**
   * `touch`, unless the contact point is reachable and was touched less than
   * LAST_SEEN_PRECISION_MS ago. Called at every inbound message, `touch` would rewrite a page of
   * the database file at each, for a precision nothing needs: `last_seen_at` only tells the first
   * message, and which of a person's contact points they wrote from last.
   */
  seen(contact: ContactPointRecord, now: Date): void;
  /** Records that the channel refuses to deliver here (the person blocked the bot). */
  markUnreachable(id: number, now: Date): void;
}

interface ContactRow {
  id: number;
  person_id: number;
  channel: ChannelKind;
  address: string;
  created_at: string;
  last_seen_at: string | null;
  unreachable_at: string | null;
  /** Only from `forPerson`. */
  end_to_end_encrypted?: number;
}

// NOTE: the optional property comes last: spread first, it made V8 build every record on its
// slow path (about 3 µs each, twice per inbound message), as a cloned literal then extended.
function toRecord(row: ContactRow): ContactPointRecord {
  return {
    id: row.id,
    personId: row.person_id,
    channel: row.channel,
    address: row.address,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    unreachableAt: row.unreachable_at,
    ...(row.end_to_end_encrypted !== undefined ? { endToEndEncrypted: row.end_to_end_encrypted === 1 } : {}),
  };
}

/** ContactsRepo on SQLite. */
export class SqliteContactsRepo implements ContactsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      find: db.prepare<[string, string], ContactRow>('SELECT * FROM contact_point WHERE channel = ? AND address = ?'),
      findById: db.prepare<[number], ContactRow>('SELECT * FROM contact_point WHERE id = ?'),
      insert: db.prepare<[number, string, string, string]>(
        'INSERT INTO contact_point (person_id, channel, address, created_at) VALUES (?, ?, ?, ?)',
      ),
      // A Matrix address whose direct chat is end-to-end encrypted (the channel records encrypted rooms).
      forPerson: db.prepare<[number], ContactRow>(
        `SELECT c.*, EXISTS (
           SELECT 1 FROM matrix_direct_room d JOIN matrix_room_encryption e ON e.room_id = d.room_id
           WHERE c.channel = 'matrix' AND d.user_id = c.address AND d.left = 0
         ) AS end_to_end_encrypted
         FROM contact_point c WHERE c.person_id = ? ORDER BY c.id`,
      ),
      touch: db.prepare<[string, number]>('UPDATE contact_point SET last_seen_at = ?, unreachable_at = NULL WHERE id = ?'),
      markUnreachable: db.prepare<[string, number]>('UPDATE contact_point SET unreachable_at = ? WHERE id = ?'),
    };
  }

  find(channel: ChannelKind, address: string): ContactPointRecord | null {
    const row = this.statements.find.get(channel, address);
    return row ? toRecord(row) : null;
  }

  findById(id: number): ContactPointRecord | null {
    const row = this.statements.findById.get(id);
    return row ? toRecord(row) : null;
  }

  create(personId: number, channel: ChannelKind, address: string, now: Date): ContactPointRecord {
    const id = Number(this.statements.insert.run(personId, channel, address, now.toISOString()).lastInsertRowid);
    return { id, personId, channel, address, createdAt: now.toISOString(), lastSeenAt: null, unreachableAt: null };
  }

  forPerson(personId: number): ContactPointRecord[] {
    return this.statements.forPerson.all(personId).map(toRecord);
  }

  touch(id: number, now: Date): void {
    this.statements.touch.run(now.toISOString(), id);
  }

  seen(contact: ContactPointRecord, now: Date): void {
    const fresh = contact.lastSeenAt !== null && now.getTime() - Date.parse(contact.lastSeenAt) < LAST_SEEN_PRECISION_MS;
    if (contact.unreachableAt !== null || !fresh) this.touch(contact.id, now);
  }

  markUnreachable(id: number, now: Date): void {
    this.statements.markUnreachable.run(now.toISOString(), id);
  }
}
