import type { BallotAnswers, Consultation, ConsultationDefinition, ConsultationStatus } from '../domain/consultation';
import type { Db } from './database';

/** A person's ballot while the consultation is open. */
export interface BallotRecord {
  readonly consultationId: number;
  readonly answers: BallotAnswers;
  readonly castAt: string;
}

/** A consultation with its bookkeeping, for agents. */
export interface ConsultationRecord extends Consultation {
  readonly createdAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  /** People notified when it opened. */
  readonly invited: number | null;
}

/** Consultations, ballots and who took part. */
export interface ConsultationsRepo {
  create(definition: ConsultationDefinition, now: Date): number;
  find(id: number): ConsultationRecord | null;
  list(): ConsultationRecord[];
  /** Consultations open now, closing soonest first. */
  open(): ConsultationRecord[];
  /** Scheduled consultations whose opening time has come. */
  dueToOpen(now: Date): ConsultationRecord[];
  /** Open consultations whose closing time has come. */
  dueToClose(now: Date): ConsultationRecord[];
  markOpened(id: number, now: Date): void;
  /** How many people were invited when it opened. */
  recordInvited(id: number, invited: number): void;
  /**
   * Closes a consultation and makes its ballots anonymous: the link to people is cut, dates are
   * dropped and the rows are rewritten in an order given by their content, not by who voted when.
   */
  close(id: number, now: Date): void;
  /** Records or replaces a person's ballot, and that they took part. */
  cast(consultationId: number, personId: number, answers: BallotAnswers, now: Date): void;
  /** A person's ballots in open consultations, by consultation id. */
  ballotsOf(personId: number): Map<number, BallotRecord>;
  /** Every ballot of a consultation (anonymous once it closed). */
  answers(consultationId: number): BallotAnswers[];
  participants(consultationId: number): number;
  /** Ids of the consultations a person took part in, most recent first. */
  participatedIn(personId: number): number[];
}

interface ConsultationRow {
  id: number;
  definition: string;
  status: ConsultationStatus;
  invited: number | null;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

function toConsultation(row: ConsultationRow): ConsultationRecord {
  const definition = JSON.parse(row.definition) as ConsultationDefinition;
  return { ...definition, id: row.id, status: row.status, invited: row.invited, createdAt: row.created_at, openedAt: row.opened_at, closedAt: row.closed_at };
}

/** ConsultationsRepo on SQLite. */
export class SqliteConsultationsRepo implements ConsultationsRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare<{ definition: string; audience: string; opensAt: string; closesAt: string; now: string }>(
        'INSERT INTO consultation (definition, audience, opens_at, closes_at, created_at) VALUES (@definition, @audience, @opensAt, @closesAt, @now)',
      ),
      find: db.prepare<[number], ConsultationRow>('SELECT * FROM consultation WHERE id = ?'),
      list: db.prepare<[], ConsultationRow>('SELECT * FROM consultation ORDER BY opens_at, id'),
      open: db.prepare<[], ConsultationRow>("SELECT * FROM consultation WHERE status = 'open' ORDER BY closes_at, id"),
      dueToOpen: db.prepare<[string], ConsultationRow>("SELECT * FROM consultation WHERE status = 'scheduled' AND opens_at <= ? ORDER BY opens_at, id"),
      dueToClose: db.prepare<[string], ConsultationRow>("SELECT * FROM consultation WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at, id"),
      markOpened: db.prepare<{ id: number; now: string }>("UPDATE consultation SET status = 'open', opened_at = @now WHERE id = @id AND status = 'scheduled'"),
      recordInvited: db.prepare<{ id: number; invited: number }>('UPDATE consultation SET invited = @invited WHERE id = @id'),
      markClosed: db.prepare<{ id: number; now: string }>("UPDATE consultation SET status = 'closed', closed_at = @now WHERE id = @id AND status <> 'closed'"),
      ballotAnswers: db.prepare<[number], { answers: string }>('SELECT answers FROM ballot WHERE consultation_id = ?'),
      dropBallots: db.prepare<[number]>('DELETE FROM ballot WHERE consultation_id = ?'),
      insertAnonymous: db.prepare<[number, string]>('INSERT INTO ballot (consultation_id, person_id, answers, cast_at) VALUES (?, NULL, ?, NULL)'),
      cast: db.prepare<{ consultationId: number; personId: number; answers: string; now: string }>(
        `INSERT INTO ballot (consultation_id, person_id, answers, cast_at) VALUES (@consultationId, @personId, @answers, @now)
         ON CONFLICT (consultation_id, person_id) DO UPDATE SET answers = excluded.answers, cast_at = excluded.cast_at`,
      ),
      participate: db.prepare<[number, number]>('INSERT OR IGNORE INTO consultation_participant (consultation_id, person_id) VALUES (?, ?)'),
      ballotsOf: db.prepare<[number], { consultation_id: number; answers: string; cast_at: string }>(
        'SELECT consultation_id, answers, cast_at FROM ballot WHERE person_id = ?',
      ),
      participants: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM consultation_participant WHERE consultation_id = ?'),
      participatedIn: db.prepare<[number], { id: number }>(
        `SELECT c.id FROM consultation_participant p JOIN consultation c ON c.id = p.consultation_id
         WHERE p.person_id = ? ORDER BY c.closes_at DESC, c.id DESC`,
      ),
    };
  }

  create(definition: ConsultationDefinition, now: Date): number {
    return Number(
      this.statements.insert.run({
        definition: JSON.stringify(definition),
        audience: definition.audience,
        opensAt: definition.opensAt,
        closesAt: definition.closesAt,
        now: now.toISOString(),
      }).lastInsertRowid,
    );
  }

  find(id: number): ConsultationRecord | null {
    const row = this.statements.find.get(id);
    return row ? toConsultation(row) : null;
  }

  list(): ConsultationRecord[] {
    return this.statements.list.all().map(toConsultation);
  }

  open(): ConsultationRecord[] {
    return this.statements.open.all().map(toConsultation);
  }

  dueToOpen(now: Date): ConsultationRecord[] {
    return this.statements.dueToOpen.all(now.toISOString()).map(toConsultation);
  }

  dueToClose(now: Date): ConsultationRecord[] {
    return this.statements.dueToClose.all(now.toISOString()).map(toConsultation);
  }

  markOpened(id: number, now: Date): void {
    this.statements.markOpened.run({ id, now: now.toISOString() });
  }

  recordInvited(id: number, invited: number): void {
    this.statements.recordInvited.run({ id, invited });
  }

  close(id: number, now: Date): void {
    this.db.transaction(() => {
      // Sorting by content leaves no trace of the order in which people voted.
      const answers = this.statements.ballotAnswers.all(id).map((row) => row.answers).sort();
      this.statements.dropBallots.run(id);
      for (const a of answers) this.statements.insertAnonymous.run(id, a);
      this.statements.markClosed.run({ id, now: now.toISOString() });
    })();
  }

  cast(consultationId: number, personId: number, answers: BallotAnswers, now: Date): void {
    this.statements.cast.run({ consultationId, personId, answers: JSON.stringify(answers), now: now.toISOString() });
    this.statements.participate.run(consultationId, personId);
  }

  ballotsOf(personId: number): Map<number, BallotRecord> {
    return new Map(
      this.statements.ballotsOf.all(personId).map((row) => [
        row.consultation_id,
        { consultationId: row.consultation_id, answers: JSON.parse(row.answers) as BallotAnswers, castAt: row.cast_at },
      ]),
    );
  }

  answers(consultationId: number): BallotAnswers[] {
    return this.statements.ballotAnswers.all(consultationId).map((row) => JSON.parse(row.answers) as BallotAnswers);
  }

  participants(consultationId: number): number {
    return this.statements.participants.get(consultationId)?.n ?? 0;
  }

  participatedIn(personId: number): number[] {
    return this.statements.participatedIn.all(personId).map((row) => row.id);
  }
}
