import type { SupportedPerson, SupportVia } from '../domain/mediation';
import type { ConversationState } from '../flows/engine/conversation-state';
import type { Db } from './database';
import { rewriteStateRows } from './rewrite-state-rows';

/** A mediator's conversation on someone's behalf, from one of the mediator's contact points. */
export interface ActingRecord {
  readonly contactId: number;
  readonly mediatorId: number;
  readonly personId: number;
  readonly startedAt: string;
  readonly lastActiveAt: string;
  /** Where the conversation held for the person stands; null when idle. */
  readonly state: ConversationState | null;
}

/** Who supports whom, and the conversations mediators hold on people's behalf. */
export interface MediationRepo {
  /** Records that the mediator supports the person; false when they already did. */
  addSupport(mediatorId: number, personId: number, via: SupportVia, now: Date): boolean;
  removeSupport(mediatorId: number, personId: number): boolean;
  supports(mediatorId: number, personId: number): boolean;
  /** The people a mediator supports, by first name. */
  supportedBy(mediatorId: number): SupportedPerson[];
  /** The mediators of a person, with their organisation, oldest support first. */
  mediatorsOf(personId: number): { readonly mediatorId: number; readonly organisation: string | null; readonly via: SupportVia }[];
  acting(contactId: number): ActingRecord | null;
  startActing(contactId: number, mediatorId: number, personId: number, now: Date): void;
  /** Saves the conversation held for the person and marks the mediator active now. */
  saveActing(contactId: number, state: ConversationState | null, now: Date): void;
  /** Rewrites held conversations whose state contains `needle` (see ConversationsRepo.rewriteStates). */
  rewriteActingStates(needle: string, edit: (state: ConversationState) => ConversationState): number;
  endActing(contactId: number): boolean;
  /** Conversations on someone's behalf with no message since `before`. */
  idleSince(before: Date): ActingRecord[];
  /** Ends the conversations a mediator holds for one person (they no longer support them). */
  endActingFor(mediatorId: number, personId: number): number;
  /** Ends every conversation a mediator holds (their role was revoked). */
  endActingOf(mediatorId: number): ActingRecord[];
}

interface ActingRow {
  contact_id: number;
  mediator_id: number;
  person_id: number;
  started_at: string;
  last_active_at: string;
  state: string | null;
}

function toActing(row: ActingRow): ActingRecord {
  return {
    contactId: row.contact_id,
    mediatorId: row.mediator_id,
    personId: row.person_id,
    startedAt: row.started_at,
    lastActiveAt: row.last_active_at,
    state: row.state === null ? null : (JSON.parse(row.state) as ConversationState),
  };
}

/** MediationRepo on SQLite. */
export class SqliteMediationRepo implements MediationRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      addSupport: db.prepare('INSERT OR IGNORE INTO mediator_support (mediator_id, person_id, via, since) VALUES (@mediatorId, @personId, @via, @since)'),
      removeSupport: db.prepare<[number, number]>('DELETE FROM mediator_support WHERE mediator_id = ? AND person_id = ?'),
      supports: db.prepare<[number, number], { one: number }>('SELECT 1 AS one FROM mediator_support WHERE mediator_id = ? AND person_id = ?'),
      supportedBy: db.prepare<[number], { id: number; first_name: string | null; neighbourhood: string | null }>(
        `SELECT p.id, p.first_name, p.neighbourhood FROM mediator_support s JOIN person p ON p.id = s.person_id
         WHERE s.mediator_id = ? ORDER BY p.first_name COLLATE NOCASE, p.id`,
      ),
      mediatorsOf: db.prepare<[number], { mediator_id: number; organisation: string | null; via: SupportVia }>(
        `SELECT s.mediator_id, r.organisation, s.via FROM mediator_support s
         LEFT JOIN person_role r ON r.person_id = s.mediator_id AND r.role = 'mediator'
         WHERE s.person_id = ? ORDER BY s.since, s.mediator_id`,
      ),
      acting: db.prepare<[number], ActingRow>('SELECT * FROM acting_for WHERE contact_id = ?'),
      startActing: db.prepare(
        `INSERT OR REPLACE INTO acting_for (contact_id, mediator_id, person_id, started_at, last_active_at, state)
         VALUES (@contactId, @mediatorId, @personId, @now, @now, NULL)`,
      ),
      saveActing: db.prepare<[string | null, string, number]>('UPDATE acting_for SET state = ?, last_active_at = ? WHERE contact_id = ?'),
      actingContaining: db.prepare<[string], { contact_id: number; state: string }>('SELECT contact_id, state FROM acting_for WHERE instr(state, ?) > 0'),
      rewriteActing: db.prepare<[string, number]>('UPDATE acting_for SET state = ? WHERE contact_id = ?'),
      endActing: db.prepare<[number]>('DELETE FROM acting_for WHERE contact_id = ?'),
      idleSince: db.prepare<[string], ActingRow>('SELECT * FROM acting_for WHERE last_active_at < ? ORDER BY contact_id'),
      actingOf: db.prepare<[number], ActingRow>('SELECT * FROM acting_for WHERE mediator_id = ? ORDER BY contact_id'),
      endActingOf: db.prepare<[number]>('DELETE FROM acting_for WHERE mediator_id = ?'),
      endActingFor: db.prepare<[number, number]>('DELETE FROM acting_for WHERE mediator_id = ? AND person_id = ?'),
    };
  }

  addSupport(mediatorId: number, personId: number, via: SupportVia, now: Date): boolean {
    return this.statements.addSupport.run({ mediatorId, personId, via, since: now.toISOString() }).changes > 0;
  }

  removeSupport(mediatorId: number, personId: number): boolean {
    return this.statements.removeSupport.run(mediatorId, personId).changes > 0;
  }

  supports(mediatorId: number, personId: number): boolean {
    return this.statements.supports.get(mediatorId, personId) !== undefined;
  }

  supportedBy(mediatorId: number): SupportedPerson[] {
    return this.statements.supportedBy.all(mediatorId).map((r) => ({ id: r.id, firstName: r.first_name, neighbourhood: r.neighbourhood }));
  }

  mediatorsOf(personId: number): { mediatorId: number; organisation: string | null; via: SupportVia }[] {
    return this.statements.mediatorsOf.all(personId).map((r) => ({ mediatorId: r.mediator_id, organisation: r.organisation, via: r.via }));
  }

  acting(contactId: number): ActingRecord | null {
    const row = this.statements.acting.get(contactId);
    return row ? toActing(row) : null;
  }

  startActing(contactId: number, mediatorId: number, personId: number, now: Date): void {
    this.statements.startActing.run({ contactId, mediatorId, personId, now: now.toISOString() });
  }

  rewriteActingStates(needle: string, edit: (state: ConversationState) => ConversationState): number {
    return rewriteStateRows(this.statements.actingContaining.all(needle), edit, (contactId, state) => this.statements.rewriteActing.run(state, contactId));
  }

  saveActing(contactId: number, state: ConversationState | null, now: Date): void {
    this.statements.saveActing.run(state === null ? null : JSON.stringify(state), now.toISOString(), contactId);
  }

  endActing(contactId: number): boolean {
    return this.statements.endActing.run(contactId).changes > 0;
  }

  idleSince(before: Date): ActingRecord[] {
    return this.statements.idleSince.all(before.toISOString()).map(toActing);
  }

  endActingFor(mediatorId: number, personId: number): number {
    return this.statements.endActingFor.run(mediatorId, personId).changes;
  }

  endActingOf(mediatorId: number): ActingRecord[] {
    const ended = this.statements.actingOf.all(mediatorId).map(toActing);
    this.statements.endActingOf.run(mediatorId);
    return ended;
  }
}
