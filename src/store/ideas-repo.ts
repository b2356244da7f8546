import type { AgentText } from '../domain/assembly-session';
import type { IdeaCall, IdeaStatus, IdeaView } from '../domain/idea';
import type { Language } from '../domain/language';
import type { Db } from './database';

/** An idea as agents see it, with what moderation needs. */
export interface IdeaRecord {
  readonly id: number;
  readonly callId: number;
  readonly authorId: number | null;
  /** The author's language, to tell them the decision in it. */
  readonly authorLanguage: Language | null;
  readonly title: string;
  readonly body: string;
  readonly neighbourhood: string | null;
  readonly status: IdeaStatus;
  readonly reason: string | null;
  readonly mergedInto: number | null;
  readonly supporters: number;
  readonly submittedAt: string;
  readonly decidedAt: string | null;
}

/** A new idea. */
export interface IdeaInput {
  readonly callId: number;
  readonly authorId: number;
  readonly title: string;
  readonly body: string;
  readonly neighbourhood: string | null;
}

/** Calls for ideas, ideas, their moderation and supports. */
export interface IdeasRepo {
  createCall(call: Omit<IdeaCall, 'id'>, now: Date): number;
  /** Ends a call now (it stays listed, closed). */
  closeCall(id: number, now: Date): void;
  findCall(id: number): IdeaCall | null;
  calls(): IdeaCall[];
  /** The call open at `now`, if any (the latest opened when several overlap). */
  openCall(now: Date): IdeaCall | null;
  /** The soonest call that opens after `now`. */
  nextCall(now: Date): IdeaCall | null;
  /** The call open now, else the last one that closed: whose ideas residents browse. */
  currentOrLastCall(now: Date): IdeaCall | null;
  submit(idea: IdeaInput, now: Date): number;
  find(id: number): IdeaRecord | null;
  /** Ideas for agents, oldest first, optionally of one status and one call. */
  list(filter: { readonly status?: IdeaStatus; readonly callId?: number }): IdeaRecord[];
  /** A call's published ideas as `readerId` sees them, most supported first. */
  published(callId: number, readerId: number): IdeaView[];
  decide(id: number, status: 'published' | 'rejected', reason: string | null, now: Date): void;
  /** Folds an idea into another: its supporters, and its author, support the other one. */
  merge(id: number, intoId: number, now: Date): void;
  /** False when the person supported it already. */
  support(ideaId: number, personId: number, now: Date): boolean;
  /** False when the person did not support it. */
  withdrawSupport(ideaId: number, personId: number): boolean;
  /** Ideas a person wrote, for their export. */
  authoredBy(personId: number): IdeaRecord[];
  /** Ids of the ideas a person supports, for their export. */
  supportedBy(personId: number): { readonly ideaId: number; readonly supportedAt: string }[];
  /**
   * Before a person is erased: deletes their ideas nobody else can see (pending, rejected).
   * Published and merged ideas belong to the debate and stay, without their author.
   */
  deletePrivateIdeasOf(personId: number): void;
}

interface CallRow {
  id: number;
  theme: string | null;
  opens_at: string;
  closes_at: string;
}

interface IdeaRow {
  id: number;
  call_id: number;
  author_id: number | null;
  author_language: Language | null;
  title: string;
  body: string;
  neighbourhood: string | null;
  status: IdeaStatus;
  reason: string | null;
  merged_into: number | null;
  supporters: number;
  submitted_at: string;
  decided_at: string | null;
}

function toCall(row: CallRow): IdeaCall {
  return { id: row.id, theme: row.theme ? (JSON.parse(row.theme) as AgentText) : null, opensAt: row.opens_at, closesAt: row.closes_at };
}

function toIdea(row: IdeaRow): IdeaRecord {
  return {
    id: row.id,
    callId: row.call_id,
    authorId: row.author_id,
    authorLanguage: row.author_language,
    title: row.title,
    body: row.body,
    neighbourhood: row.neighbourhood,
    status: row.status,
    reason: row.reason,
    mergedInto: row.merged_into,
    supporters: row.supporters,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
  };
}

const IDEA_SELECT = `
  SELECT i.*, p.language AS author_language, (SELECT count(*) FROM idea_support s WHERE s.idea_id = i.id) AS supporters
  FROM idea i LEFT JOIN person p ON p.id = i.author_id`;

/** IdeasRepo on SQLite. */
export class SqliteIdeasRepo implements IdeasRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insertCall: db.prepare<{ theme: string | null; opensAt: string; closesAt: string; now: string }>(
        'INSERT INTO idea_call (theme, opens_at, closes_at, created_at) VALUES (@theme, @opensAt, @closesAt, @now)',
      ),
      closeCall: db.prepare<{ id: number; now: string }>('UPDATE idea_call SET closes_at = @now WHERE id = @id AND closes_at > @now'),
      findCall: db.prepare<[number], CallRow>('SELECT * FROM idea_call WHERE id = ?'),
      calls: db.prepare<[], CallRow>('SELECT * FROM idea_call ORDER BY opens_at, id'),
      openCall: db.prepare<{ now: string }, CallRow>('SELECT * FROM idea_call WHERE opens_at <= @now AND closes_at > @now ORDER BY opens_at DESC, id DESC LIMIT 1'),
      nextCall: db.prepare<{ now: string }, CallRow>('SELECT * FROM idea_call WHERE opens_at > @now ORDER BY opens_at, id LIMIT 1'),
      lastCall: db.prepare<{ now: string }, CallRow>('SELECT * FROM idea_call WHERE opens_at <= @now ORDER BY closes_at DESC, id DESC LIMIT 1'),
      insert: db.prepare<{ callId: number; authorId: number; title: string; body: string; neighbourhood: string | null; now: string }>(
        `INSERT INTO idea (call_id, author_id, title, body, neighbourhood, submitted_at)
         VALUES (@callId, @authorId, @title, @body, @neighbourhood, @now)`,
      ),
      find: db.prepare<[number], IdeaRow>(`${IDEA_SELECT} WHERE i.id = ?`),
      list: db.prepare<{ status: string | null; callId: number | null }, IdeaRow>(
        `${IDEA_SELECT} WHERE (@status IS NULL OR i.status = @status) AND (@callId IS NULL OR i.call_id = @callId) ORDER BY i.submitted_at, i.id`,
      ),
      published: db.prepare<{ callId: number; reader: number }, IdeaRow & { mine_support: number }>(
        `SELECT i.*, NULL AS author_language, (SELECT count(*) FROM idea_support s WHERE s.idea_id = i.id) AS supporters,
           EXISTS (SELECT 1 FROM idea_support s WHERE s.idea_id = i.id AND s.person_id = @reader) AS mine_support
         FROM idea i WHERE i.call_id = @callId AND i.status = 'published' ORDER BY supporters DESC, i.id`,
      ),
      decide: db.prepare<{ id: number; status: string; reason: string | null; now: string }>(
        'UPDATE idea SET status = @status, reason = @reason, decided_at = @now WHERE id = @id',
      ),
      moveSupports: db.prepare<{ id: number; into: number }>(
        `INSERT OR IGNORE INTO idea_support (idea_id, person_id, supported_at)
         SELECT @into, person_id, supported_at FROM idea_support WHERE idea_id = @id`,
      ),
      supportAsAuthor: db.prepare<{ id: number; into: number; now: string }>(
        `INSERT OR IGNORE INTO idea_support (idea_id, person_id, supported_at)
         SELECT @into, author_id, @now FROM idea WHERE id = @id AND author_id IS NOT NULL`,
      ),
      dropSupports: db.prepare<[number]>('DELETE FROM idea_support WHERE idea_id = ?'),
      markMerged: db.prepare<{ id: number; into: number; now: string }>("UPDATE idea SET status = 'merged', merged_into = @into, decided_at = @now WHERE id = @id"),
      support: db.prepare<[number, number, string]>('INSERT OR IGNORE INTO idea_support (idea_id, person_id, supported_at) VALUES (?, ?, ?)'),
      withdraw: db.prepare<[number, number]>('DELETE FROM idea_support WHERE idea_id = ? AND person_id = ?'),
      authoredBy: db.prepare<[number], IdeaRow>(`${IDEA_SELECT} WHERE i.author_id = ? ORDER BY i.submitted_at, i.id`),
      supportedBy: db.prepare<[number], { idea_id: number; supported_at: string }>('SELECT idea_id, supported_at FROM idea_support WHERE person_id = ? ORDER BY supported_at'),
      deletePrivate: db.prepare<[number]>("DELETE FROM idea WHERE author_id = ? AND status IN ('pending', 'rejected')"),
    };
  }

  createCall(call: Omit<IdeaCall, 'id'>, now: Date): number {
    const theme = call.theme ? JSON.stringify(call.theme) : null;
    return Number(this.statements.insertCall.run({ theme, opensAt: call.opensAt, closesAt: call.closesAt, now: now.toISOString() }).lastInsertRowid);
  }

  closeCall(id: number, now: Date): void {
    this.statements.closeCall.run({ id, now: now.toISOString() });
  }

  findCall(id: number): IdeaCall | null {
    const row = this.statements.findCall.get(id);
    return row ? toCall(row) : null;
  }

  calls(): IdeaCall[] {
    return this.statements.calls.all().map(toCall);
  }

  openCall(now: Date): IdeaCall | null {
    const row = this.statements.openCall.get({ now: now.toISOString() });
    return row ? toCall(row) : null;
  }

  nextCall(now: Date): IdeaCall | null {
    const row = this.statements.nextCall.get({ now: now.toISOString() });
    return row ? toCall(row) : null;
  }

  currentOrLastCall(now: Date): IdeaCall | null {
    const row = this.statements.openCall.get({ now: now.toISOString() }) ?? this.statements.lastCall.get({ now: now.toISOString() });
    return row ? toCall(row) : null;
  }

  submit(idea: IdeaInput, now: Date): number {
    return Number(this.statements.insert.run({ ...idea, now: now.toISOString() }).lastInsertRowid);
  }

  find(id: number): IdeaRecord | null {
    const row = this.statements.find.get(id);
    return row ? toIdea(row) : null;
  }

  list(filter: { readonly status?: IdeaStatus; readonly callId?: number }): IdeaRecord[] {
    return this.statements.list.all({ status: filter.status ?? null, callId: filter.callId ?? null }).map(toIdea);
  }

  published(callId: number, readerId: number): IdeaView[] {
    return this.statements.published.all({ callId, reader: readerId }).map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      neighbourhood: row.neighbourhood,
      supporters: row.supporters,
      supportedByMe: row.mine_support === 1,
      mine: row.author_id === readerId,
    }));
  }

  decide(id: number, status: 'published' | 'rejected', reason: string | null, now: Date): void {
    this.statements.decide.run({ id, status, reason, now: now.toISOString() });
  }

  merge(id: number, intoId: number, now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.statements.moveSupports.run({ id, into: intoId });
      this.statements.supportAsAuthor.run({ id, into: intoId, now: at });
      this.statements.dropSupports.run(id);
      this.statements.markMerged.run({ id, into: intoId, now: at });
    })();
  }

  support(ideaId: number, personId: number, now: Date): boolean {
    return this.statements.support.run(ideaId, personId, now.toISOString()).changes > 0;
  }

  withdrawSupport(ideaId: number, personId: number): boolean {
    return this.statements.withdraw.run(ideaId, personId).changes > 0;
  }

  authoredBy(personId: number): IdeaRecord[] {
    return this.statements.authoredBy.all(personId).map(toIdea);
  }

  supportedBy(personId: number): { readonly ideaId: number; readonly supportedAt: string }[] {
    return this.statements.supportedBy.all(personId).map((r) => ({ ideaId: r.idea_id, supportedAt: r.supported_at }));
  }

  deletePrivateIdeasOf(personId: number): void {
    this.statements.deletePrivate.run(personId);
  }
}
