import type { DrawDefinition } from '../domain/draw';
import type { DrawOutcome } from '../draws/record/lottery';
import type { PreparedDraw, ReplacementRound, SeatStatus } from '../draws/record/public-record';
import type { Db } from './database';

/** Where a draw stands. Persisted. */
export type DrawStatus = 'prepared' | 'drawn' | 'cancelled';

/** A draw as stored. */
export interface DrawRecord {
  readonly id: number;
  readonly definition: DrawDefinition;
  readonly status: DrawStatus;
  readonly prepared: PreparedDraw;
  readonly commitment: string;
  readonly seed: string | null;
  readonly outcome: DrawOutcome | null;
  readonly createdAt: string;
  readonly drawnAt: string | null;
}

/** A person invited by a draw, with their answer. `personId` is null once they were erased. */
export interface SeatRecord {
  readonly id: number;
  readonly drawId: number;
  readonly pseudonym: string;
  readonly personId: number | null;
  /** 0 for the draw, then the replacement round. */
  readonly round: number;
  readonly status: SeatStatus;
  readonly invitedAt: string;
  readonly remindAt: string;
  readonly answerBy: string;
  readonly remindedAt: string | null;
  readonly answeredAt: string | null;
}

/** Draws, their pools' pseudonyms, the seats of the people invited and the replacement rounds. */
export interface DrawsRepo {
  create(definition: DrawDefinition, prepared: Omit<PreparedDraw, 'draw'> & { readonly draw: Omit<PreparedDraw['draw'], 'id'> }, members: readonly { readonly pseudonym: string; readonly personId: number | null }[], commit: (prepared: PreparedDraw) => string, now: Date): DrawRecord;
  find(id: number): DrawRecord | null;
  list(): DrawRecord[];
  markDrawn(id: number, outcome: DrawOutcome, now: Date): void;
  /** The person behind each pseudonym of a draw's pool (null once erased). */
  members(drawId: number): Map<string, number | null>;
  /** Seats for people invited in a round, each with its reminder time and deadline. */
  addSeats(drawId: number, round: number, pseudonyms: readonly string[], remindAt: Date, answerBy: Date, now: Date): void;
  seats(drawId: number): SeatRecord[];
  seat(seatId: number): SeatRecord | null;
  /** A person's seats in every draw, latest first. */
  seatsOf(personId: number): SeatRecord[];
  /** The draws whose pool the person is in, with their pseudonym there, latest first. */
  poolsOf(personId: number): { drawId: number; pseudonym: string }[];
  /** Records an answer to a waiting seat; false if it was no longer waiting. */
  answer(seatId: number, status: 'accepted' | 'declined' | 'expired', now: Date): boolean;
  markReminded(seatId: number, now: Date): void;
  /** Waiting seats whose reminder is due and not sent. */
  dueReminders(now: Date): SeatRecord[];
  /** Waiting seats whose delay has ended. */
  overdue(now: Date): SeatRecord[];
  /**
   * Draws with seats freed at the end of their delay since their last replacement round: each
   * with the moment the last of those seats was freed (what the scheduler's replacements wait for).
   */
  freedByDelay(): { drawId: number; freedAt: string }[];
  addRound(drawId: number, round: ReplacementRound, now: Date): void;
  rounds(drawId: number): ReplacementRound[];
  /** People invited by a draw run since `since`, or by one of `drawIds`. */
  invitedPeople(since: string | null, drawIds: readonly number[]): Set<number>;
  /** People who accepted their seat in a draw. */
  acceptedIn(drawId: number): number[];
  /** Draws with seats still waiting or freed seats: what the scheduler looks at. */
  activeDraws(): number[];
}

interface DrawRow {
  id: number;
  definition: string;
  status: DrawStatus;
  prepared: string;
  commitment: string;
  seed: string | null;
  outcome: string | null;
  created_at: string;
  drawn_at: string | null;
}

interface SeatRow {
  id: number;
  draw_id: number;
  pseudonym: string;
  person_id: number | null;
  round: number;
  status: SeatStatus;
  invited_at: string;
  remind_at: string;
  answer_by: string;
  reminded_at: string | null;
  answered_at: string | null;
}

function toDraw(row: DrawRow): DrawRecord {
  return {
    id: row.id,
    definition: JSON.parse(row.definition) as DrawDefinition,
    status: row.status,
    prepared: JSON.parse(row.prepared) as PreparedDraw,
    commitment: row.commitment,
    seed: row.seed,
    outcome: row.outcome ? (JSON.parse(row.outcome) as DrawOutcome) : null,
    createdAt: row.created_at,
    drawnAt: row.drawn_at,
  };
}

function toSeat(row: SeatRow): SeatRecord {
  return {
    id: row.id,
    drawId: row.draw_id,
    pseudonym: row.pseudonym,
    personId: row.person_id,
    round: row.round,
    status: row.status,
    invitedAt: row.invited_at,
    remindAt: row.remind_at,
    answerBy: row.answer_by,
    remindedAt: row.reminded_at,
    answeredAt: row.answered_at,
  };
}

const SEATS = `SELECT s.*, m.person_id FROM draw_seat s LEFT JOIN draw_pool_member m ON m.draw_id = s.draw_id AND m.pseudonym = s.pseudonym`;

/** DrawsRepo on SQLite. */
export class SqliteDrawsRepo implements DrawsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare<[string, string, string, string]>('INSERT INTO draw (definition, prepared, commitment, created_at) VALUES (?, ?, ?, ?)'),
      setPrepared: db.prepare<[string, string, number]>('UPDATE draw SET prepared = ?, commitment = ? WHERE id = ?'),
      member: db.prepare<[number, string, number | null]>('INSERT INTO draw_pool_member (draw_id, pseudonym, person_id) VALUES (?, ?, ?)'),
      find: db.prepare<[number], DrawRow>('SELECT * FROM draw WHERE id = ?'),
      list: db.prepare<[], DrawRow>('SELECT * FROM draw ORDER BY id'),
      drawn: db.prepare<[string, string, string, number]>("UPDATE draw SET status = 'drawn', seed = ?, outcome = ?, drawn_at = ? WHERE id = ? AND status = 'prepared'"),
      members: db.prepare<[number], { pseudonym: string; person_id: number | null }>('SELECT pseudonym, person_id FROM draw_pool_member WHERE draw_id = ?'),
      addSeat: db.prepare<[number, string, number, string, string, string]>(
        'INSERT INTO draw_seat (draw_id, pseudonym, round, invited_at, remind_at, answer_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      seats: db.prepare<[number], SeatRow>(`${SEATS} WHERE s.draw_id = ? ORDER BY s.round, s.id`),
      seat: db.prepare<[number], SeatRow>(`${SEATS} WHERE s.id = ?`),
      seatsOf: db.prepare<[number], SeatRow>(`${SEATS} WHERE m.person_id = ? ORDER BY s.invited_at DESC, s.id DESC`),
      poolsOf: db.prepare<[number], { draw_id: number; pseudonym: string }>('SELECT draw_id, pseudonym FROM draw_pool_member WHERE person_id = ? ORDER BY draw_id DESC'),
      answer: db.prepare<[string, string, number]>("UPDATE draw_seat SET status = ?, answered_at = ? WHERE id = ? AND status = 'waiting'"),
      reminded: db.prepare<[string, number]>('UPDATE draw_seat SET reminded_at = ? WHERE id = ?'),
      dueReminders: db.prepare<[string, string], SeatRow>(`${SEATS} WHERE s.status = 'waiting' AND s.reminded_at IS NULL AND s.remind_at <= ? AND s.answer_by > ? ORDER BY s.id`),
      overdue: db.prepare<[string], SeatRow>(`${SEATS} WHERE s.status = 'waiting' AND s.answer_by <= ? ORDER BY s.id`),
      freedByDelay: db.prepare<[], { draw_id: number; freed_at: string }>(
        `SELECT s.draw_id, MAX(s.answered_at) AS freed_at FROM draw_seat s JOIN draw d ON d.id = s.draw_id
         WHERE d.status = 'drawn' AND s.status = 'expired'
           AND s.answered_at > COALESCE((SELECT MAX(r.at) FROM draw_round r WHERE r.draw_id = s.draw_id), '')
         GROUP BY s.draw_id ORDER BY s.draw_id`,
      ),
      addRound: db.prepare<[number, number, string, string]>('INSERT INTO draw_round (draw_id, round, record, at) VALUES (?, ?, ?, ?)'),
      rounds: db.prepare<[number], { record: string }>('SELECT record FROM draw_round WHERE draw_id = ? ORDER BY round'),
      invited: db.prepare<{ since: string | null; draws: string }, { person_id: number }>(
        `SELECT DISTINCT m.person_id FROM draw_seat s JOIN draw_pool_member m ON m.draw_id = s.draw_id AND m.pseudonym = s.pseudonym
         WHERE m.person_id IS NOT NULL AND ((@since IS NOT NULL AND s.invited_at >= @since) OR s.draw_id IN (SELECT value FROM json_each(@draws)))`,
      ),
      accepted: db.prepare<[number], { person_id: number }>(
        `SELECT m.person_id FROM draw_seat s JOIN draw_pool_member m ON m.draw_id = s.draw_id AND m.pseudonym = s.pseudonym
         WHERE s.draw_id = ? AND s.status = 'accepted' AND m.person_id IS NOT NULL ORDER BY m.person_id`,
      ),
      active: db.prepare<[], { id: number }>("SELECT id FROM draw WHERE status = 'drawn' ORDER BY id"),
    };
  }

  create(
    definition: DrawDefinition,
    prepared: Omit<PreparedDraw, 'draw'> & { readonly draw: Omit<PreparedDraw['draw'], 'id'> },
    members: readonly { readonly pseudonym: string; readonly personId: number | null }[],
    commit: (prepared: PreparedDraw) => string,
    now: Date,
  ): DrawRecord {
    const id = Number(this.statements.insert.run(JSON.stringify(definition), '{}', '', now.toISOString()).lastInsertRowid);
    // The draw's id is part of what is committed to: known only once the row exists.
    const full: PreparedDraw = { ...prepared, draw: { id, ...prepared.draw } };
    this.statements.setPrepared.run(JSON.stringify(full), commit(full), id);
    for (const m of members) this.statements.member.run(id, m.pseudonym, m.personId);
    return this.find(id) as DrawRecord;
  }

  find(id: number): DrawRecord | null {
    const row = this.statements.find.get(id);
    return row ? toDraw(row) : null;
  }

  list(): DrawRecord[] {
    return this.statements.list.all().map(toDraw);
  }

  markDrawn(id: number, outcome: DrawOutcome, now: Date): void {
    this.statements.drawn.run(outcome.seed, JSON.stringify(outcome), now.toISOString(), id);
  }

  members(drawId: number): Map<string, number | null> {
    return new Map(this.statements.members.all(drawId).map((r) => [r.pseudonym, r.person_id]));
  }

  addSeats(drawId: number, round: number, pseudonyms: readonly string[], remindAt: Date, answerBy: Date, now: Date): void {
    for (const p of pseudonyms) this.statements.addSeat.run(drawId, p, round, now.toISOString(), remindAt.toISOString(), answerBy.toISOString());
  }

  seats(drawId: number): SeatRecord[] {
    return this.statements.seats.all(drawId).map(toSeat);
  }

  seat(seatId: number): SeatRecord | null {
    const row = this.statements.seat.get(seatId);
    return row ? toSeat(row) : null;
  }

  seatsOf(personId: number): SeatRecord[] {
    return this.statements.seatsOf.all(personId).map(toSeat);
  }

  poolsOf(personId: number): { drawId: number; pseudonym: string }[] {
    return this.statements.poolsOf.all(personId).map((r) => ({ drawId: r.draw_id, pseudonym: r.pseudonym }));
  }

  answer(seatId: number, status: 'accepted' | 'declined' | 'expired', now: Date): boolean {
    return this.statements.answer.run(status, now.toISOString(), seatId).changes > 0;
  }

  markReminded(seatId: number, now: Date): void {
    this.statements.reminded.run(now.toISOString(), seatId);
  }

  dueReminders(now: Date): SeatRecord[] {
    return this.statements.dueReminders.all(now.toISOString(), now.toISOString()).map(toSeat);
  }

  overdue(now: Date): SeatRecord[] {
    return this.statements.overdue.all(now.toISOString()).map(toSeat);
  }

  freedByDelay(): { drawId: number; freedAt: string }[] {
    return this.statements.freedByDelay.all().map((r) => ({ drawId: r.draw_id, freedAt: r.freed_at }));
  }

  addRound(drawId: number, round: ReplacementRound, now: Date): void {
    this.statements.addRound.run(drawId, round.round, JSON.stringify(round), now.toISOString());
  }

  rounds(drawId: number): ReplacementRound[] {
    return this.statements.rounds.all(drawId).map((r) => JSON.parse(r.record) as ReplacementRound);
  }

  invitedPeople(since: string | null, drawIds: readonly number[]): Set<number> {
    return new Set(this.statements.invited.all({ since, draws: JSON.stringify(drawIds) }).map((r) => r.person_id));
  }

  acceptedIn(drawId: number): number[] {
    return this.statements.accepted.all(drawId).map((r) => r.person_id);
  }

  activeDraws(): number[] {
    return this.statements.active.all().map((r) => r.id);
  }
}
