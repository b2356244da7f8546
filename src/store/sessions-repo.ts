import type { AgentText, AssemblySession, RsvpAnswer } from '../domain/assembly-session';
import type { Db } from './database';

/** A session being created or changed. */
export type SessionInput = Omit<AssemblySession, 'id' | 'status'>;

/** A reminder row: when it is due, and what became of it. */
export interface ReminderRecord {
  readonly id: number;
  readonly sessionId: number;
  readonly offsetMinutes: number;
  readonly dueAt: string;
  readonly status: 'pending' | 'fired' | 'skipped' | 'cancelled';
  readonly recipients: number | null;
}

/** A reminder as planned: its offset, due time and starting status. */
export interface PlannedReminder {
  readonly offsetMinutes: number;
  readonly dueAt: string;
  readonly status: 'pending' | 'skipped';
}

/** One person's answer to a session, for agents. */
export interface RsvpRecord {
  readonly personId: number;
  readonly firstName: string | null;
  readonly answer: RsvpAnswer;
  readonly answeredAt: string;
}

/** The assembly's sessions, residents' answers, and reminder rows. */
export interface SessionsRepo {
  create(session: SessionInput, now: Date): number;
  update(id: number, session: SessionInput, now: Date): void;
  cancel(id: number, now: Date): void;
  find(id: number): AssemblySession | null;
  /** Sessions starting after `from` (all when null), soonest first; cancelled ones only if asked. */
  list(from: Date | null, includeCancelled: boolean): AssemblySession[];
  answer(sessionId: number, personId: number, answer: RsvpAnswer, now: Date): void;
  /** A person's answers, by session id. */
  answersOf(personId: number): Map<number, RsvpAnswer>;
  rsvps(sessionId: number): RsvpRecord[];
  /** Sets a session's reminders to `planned`; reminders already fired are kept as they were. */
  planReminders(sessionId: number, planned: readonly PlannedReminder[]): void;
  cancelPendingReminders(sessionId: number): void;
  remindersOf(sessionId: number): ReminderRecord[];
  dueReminders(now: Date): ReminderRecord[];
  finishReminder(id: number, status: 'fired' | 'skipped', recipients: number, now: Date): void;
  /**
   * Who a reminder goes to: volunteers who want reminders and have not opted out, on the contact
   * point they chose, if it is reachable; not those who said no, and with `answeredOnly`, only
   * those who said yes or maybe.
   */
  reminderContacts(sessionId: number, answeredOnly: boolean): number[];
  /**
   * Who a reminder is for but cannot reach: the same people, whose chosen contact point is missing
   * (registered by a mediator, "through my mediator") or unreachable. Only their mediators can remind them.
   */
  remindedWithoutContact(sessionId: number, answeredOnly: boolean): number[];
}

/** The people a session's reminders are for (`p`, with their answer `r`), whatever their contact point. */
const REMINDED = `p.volunteer_status = 'volunteer' AND p.opted_out_at IS NULL AND p.reminders <> 'none'
  AND (r.answer IS NULL OR r.answer <> 'no') AND (@answeredOnly = 0 OR r.answer IN ('yes', 'maybe'))`;

interface SessionRow {
  id: number;
  title: string;
  description: string | null;
  place: string;
  starts_at: string;
  ends_at: string;
  reminder_offsets: string | null;
  status: 'scheduled' | 'cancelled';
}

interface ReminderRow {
  id: number;
  session_id: number;
  offset_minutes: number;
  due_at: string;
  status: ReminderRecord['status'];
  recipients: number | null;
}

function toSession(row: SessionRow): AssemblySession {
  return {
    id: row.id,
    title: JSON.parse(row.title) as AgentText,
    description: row.description ? (JSON.parse(row.description) as AgentText) : null,
    place: row.place,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    reminderOffsets: row.reminder_offsets ? (JSON.parse(row.reminder_offsets) as number[]) : null,
    status: row.status,
  };
}

function toReminder(row: ReminderRow): ReminderRecord {
  return { id: row.id, sessionId: row.session_id, offsetMinutes: row.offset_minutes, dueAt: row.due_at, status: row.status, recipients: row.recipients };
}

function params(session: SessionInput, now: Date) {
  return {
    title: JSON.stringify(session.title),
    description: session.description ? JSON.stringify(session.description) : null,
    place: session.place,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    offsets: session.reminderOffsets ? JSON.stringify(session.reminderOffsets) : null,
    now: now.toISOString(),
  };
}

/** SessionsRepo on SQLite. */
export class SqliteSessionsRepo implements SessionsRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO assembly_session (title, description, place, starts_at, ends_at, reminder_offsets, created_at, updated_at)
         VALUES (@title, @description, @place, @startsAt, @endsAt, @offsets, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE assembly_session SET title = @title, description = @description, place = @place, starts_at = @startsAt,
           ends_at = @endsAt, reminder_offsets = @offsets, updated_at = @now WHERE id = @id`,
      ),
      cancel: db.prepare<[string, number]>("UPDATE assembly_session SET status = 'cancelled', updated_at = ? WHERE id = ?"),
      find: db.prepare<[number], SessionRow>('SELECT * FROM assembly_session WHERE id = ?'),
      list: db.prepare<{ from: string | null; all: number }, SessionRow>(
        `SELECT * FROM assembly_session WHERE (@from IS NULL OR starts_at > @from) AND (@all = 1 OR status = 'scheduled') ORDER BY starts_at, id`,
      ),
      answer: db.prepare<[number, number, string, string]>(
        `INSERT INTO session_rsvp (session_id, person_id, answer, answered_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id, person_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at`,
      ),
      answersOf: db.prepare<[number], { session_id: number; answer: RsvpAnswer }>('SELECT session_id, answer FROM session_rsvp WHERE person_id = ?'),
      rsvps: db.prepare<[number], { person_id: number; first_name: string | null; answer: RsvpAnswer; answered_at: string }>(
        `SELECT r.person_id, p.first_name, r.answer, r.answered_at FROM session_rsvp r JOIN person p ON p.id = r.person_id
         WHERE r.session_id = ? ORDER BY r.answered_at, r.person_id`,
      ),
      upsertReminder: db.prepare<{ sessionId: number; offset: number; dueAt: string; status: string }>(
        `INSERT INTO session_reminder (session_id, offset_minutes, due_at, status) VALUES (@sessionId, @offset, @dueAt, @status)
         ON CONFLICT (session_id, offset_minutes) DO UPDATE SET due_at = excluded.due_at, status = excluded.status
         WHERE session_reminder.status <> 'fired'`,
      ),
      dropUnplanned: db.prepare<[number, string]>(
        "DELETE FROM session_reminder WHERE session_id = ? AND status <> 'fired' AND offset_minutes NOT IN (SELECT value FROM json_each(?))",
      ),
      cancelPending: db.prepare<[number]>("UPDATE session_reminder SET status = 'cancelled' WHERE session_id = ? AND status = 'pending'"),
      remindersOf: db.prepare<[number], ReminderRow>('SELECT * FROM session_reminder WHERE session_id = ? ORDER BY due_at'),
      due: db.prepare<[string], ReminderRow>("SELECT * FROM session_reminder WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id"),
      finish: db.prepare<[string, number, string, number]>('UPDATE session_reminder SET status = ?, recipients = ?, fired_at = ? WHERE id = ?'),
      reminderContacts: db.prepare<{ sessionId: number; answeredOnly: number }, { contact_id: number }>(
        `SELECT c.id AS contact_id FROM person p
         JOIN contact_point c ON c.id = p.reminder_contact_id AND c.unreachable_at IS NULL
         LEFT JOIN session_rsvp r ON r.session_id = @sessionId AND r.person_id = p.id
         WHERE ${REMINDED}
         ORDER BY p.id`,
      ),
      remindedWithoutContact: db.prepare<{ sessionId: number; answeredOnly: number }, { id: number }>(
        `SELECT p.id FROM person p
         LEFT JOIN contact_point c ON c.id = p.reminder_contact_id AND c.unreachable_at IS NULL
         LEFT JOIN session_rsvp r ON r.session_id = @sessionId AND r.person_id = p.id
         WHERE c.id IS NULL AND ${REMINDED}
         ORDER BY p.id`,
      ),
    };
  }

  create(session: SessionInput, now: Date): number {
    return Number(this.statements.insert.run(params(session, now)).lastInsertRowid);
  }

  update(id: number, session: SessionInput, now: Date): void {
    this.statements.update.run({ ...params(session, now), id });
  }

  cancel(id: number, now: Date): void {
    this.statements.cancel.run(now.toISOString(), id);
  }

  find(id: number): AssemblySession | null {
    const row = this.statements.find.get(id);
    return row ? toSession(row) : null;
  }

  list(from: Date | null, includeCancelled: boolean): AssemblySession[] {
    return this.statements.list.all({ from: from?.toISOString() ?? null, all: includeCancelled ? 1 : 0 }).map(toSession);
  }

  answer(sessionId: number, personId: number, answer: RsvpAnswer, now: Date): void {
    this.statements.answer.run(sessionId, personId, answer, now.toISOString());
  }

  answersOf(personId: number): Map<number, RsvpAnswer> {
    return new Map(this.statements.answersOf.all(personId).map((r) => [r.session_id, r.answer]));
  }

  rsvps(sessionId: number): RsvpRecord[] {
    return this.statements.rsvps.all(sessionId).map((r) => ({ personId: r.person_id, firstName: r.first_name, answer: r.answer, answeredAt: r.answered_at }));
  }

  planReminders(sessionId: number, planned: readonly PlannedReminder[]): void {
    this.db.transaction(() => {
      this.statements.dropUnplanned.run(sessionId, JSON.stringify(planned.map((p) => p.offsetMinutes)));
      for (const p of planned) this.statements.upsertReminder.run({ sessionId, offset: p.offsetMinutes, dueAt: p.dueAt, status: p.status });
    })();
  }

  cancelPendingReminders(sessionId: number): void {
    this.statements.cancelPending.run(sessionId);
  }

  remindersOf(sessionId: number): ReminderRecord[] {
    return this.statements.remindersOf.all(sessionId).map(toReminder);
  }

  dueReminders(now: Date): ReminderRecord[] {
    return this.statements.due.all(now.toISOString()).map(toReminder);
  }

  finishReminder(id: number, status: 'fired' | 'skipped', recipients: number, now: Date): void {
    this.statements.finish.run(status, recipients, now.toISOString(), id);
  }

  reminderContacts(sessionId: number, answeredOnly: boolean): number[] {
    return this.statements.reminderContacts.all({ sessionId, answeredOnly: answeredOnly ? 1 : 0 }).map((r) => r.contact_id);
  }

  remindedWithoutContact(sessionId: number, answeredOnly: boolean): number[] {
    return this.statements.remindedWithoutContact.all({ sessionId, answeredOnly: answeredOnly ? 1 : 0 }).map((r) => r.id);
  }
}
