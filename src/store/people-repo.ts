import type { Language } from '../domain/language';
import { isLanguage } from '../domain/language';
import type { PersonFacts, VolunteerStatus } from '../domain/person-snapshot';
import type { AgeBracket, Equipment, Gender, ReminderPreference, VolunteerProfile } from '../domain/profile';
import type { Role } from '../domain/role';
import { noteErasure, type Db } from './database';

/** A person row with its roles and consents, and the bookkeeping flows do not need. */
export interface PersonRecord extends PersonFacts {
  readonly updatedAt: string;
  readonly volunteerSince: string | null;
}

/** A consent being recorded. */
export interface NewConsent {
  readonly purpose: string;
  readonly noticeVersion: string;
  readonly givenAt: string;
  readonly method: string;
  /** How to find the paper trail of a consent a mediator collected (a form number). */
  readonly reference?: string | null;
  /** The mediator who collected it. */
  readonly recordedBy?: number | null;
}

/** A person holding a staff role, for `parlons role list`. */
export interface RoleHolder {
  readonly personId: number;
  readonly role: Role;
  readonly organisation: string | null;
  readonly grantedAt: string;
  readonly firstName: string | null;
}

/** People, their roles and their consents. */
export interface PeopleRepo {
  /** Creates a person with the resident role; returns their id. */
  create(language: Language | null, now: Date): number;
  find(personId: number): PersonRecord | null;
  setLanguage(personId: number, language: Language, now: Date): void;
  /** Saves the profile, marks the person a volunteer and records the consent. */
  registerVolunteer(personId: number, profile: VolunteerProfile, reminderContactId: number | null, consent: NewConsent, now: Date): void;
  updateProfile(personId: number, profile: VolunteerProfile, reminderContactId: number | null, now: Date): void;
  /** Records a consent given outside volunteer registration (to submit ideas, to answer consultations). */
  recordConsent(personId: number, consent: NewConsent): void;
  /** Gives a role (for an organisation: a mediator's social centre); false when the person already held it. */
  grantRole(personId: number, role: Role, now: Date, organisation?: string | null): boolean;
  /** The organisation a role is held for, or null. */
  organisationOf(personId: number, role: Role): string | null;
  /** Everyone holding one of `roles`, by role then person. */
  roleHolders(roles: readonly Role[]): RoleHolder[];
  /** Takes a role back; false when the person did not hold it. */
  revokeRole(personId: number, role: Role): boolean;
  /** Ends volunteering: the profile and answers to the city's questions are cleared (collected for that purpose only) and consents withdrawn. */
  withdrawVolunteer(personId: number, now: Date): void;
  setOptedOut(personId: number, optedOut: boolean, now: Date): void;
  /** Records where the person came from, unless already known (the first source is kept). */
  recordCameFrom(personId: number, source: string, now: Date): void;
  /** Deletes the person and, by cascade, everything linked to them. */
  delete(personId: number): void;
  /** Ids of current volunteers, oldest first. */
  volunteerIds(): number[];
  /** Every first name (or pseudonym) given, with its person, for agents looking someone up. */
  firstNames(): { readonly id: number; readonly firstName: string }[];
}

interface PersonRow {
  id: number;
  created_at: string;
  updated_at: string;
  language: string | null;
  volunteer_status: VolunteerStatus;
  volunteer_since: string | null;
  first_name: string | null;
  neighbourhood: string | null;
  age_bracket: string | null;
  gender: string | null;
  equipment: string | null;
  reminders: string | null;
  reminder_contact_id: number | null;
  opted_out_at: string | null;
  came_from: string | null;
}

interface ConsentRow {
  purpose: string;
  notice_version: string;
  given_at: string;
  method: string;
  withdrawn_at: string | null;
  reference: string | null;
  recorded_by: number | null;
}

function profileOf(row: PersonRow): VolunteerProfile | null {
  if (!row.first_name || !row.neighbourhood || !row.age_bracket || !row.gender || !row.equipment || !row.reminders) return null;
  return {
    firstName: row.first_name,
    neighbourhood: row.neighbourhood,
    ageBracket: row.age_bracket as AgeBracket,
    gender: row.gender as Gender,
    equipment: row.equipment as Equipment,
    reminders: row.reminders as ReminderPreference,
  };
}

/** PeopleRepo on SQLite. */
export class SqlitePeopleRepo implements PeopleRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare<[string, string, string | null]>('INSERT INTO person (created_at, updated_at, language) VALUES (?, ?, ?)'),
      insertRole: db.prepare<[number, Role, string, string | null]>('INSERT OR IGNORE INTO person_role (person_id, role, granted_at, organisation) VALUES (?, ?, ?, ?)'),
      organisation: db.prepare<[number, Role], { organisation: string | null }>('SELECT organisation FROM person_role WHERE person_id = ? AND role = ?'),
      deleteRole: db.prepare<[number, Role]>('DELETE FROM person_role WHERE person_id = ? AND role = ?'),
      find: db.prepare<[number], PersonRow>('SELECT * FROM person WHERE id = ?'),
      roles: db.prepare<[number], { role: Role }>('SELECT role FROM person_role WHERE person_id = ? ORDER BY role'),
      otherAnswers: db.prepare<[number], { question: string; answer: string }>('SELECT question, answer FROM person_answer WHERE person_id = ? ORDER BY question'),
      clearAnswers: db.prepare<[number]>('DELETE FROM person_answer WHERE person_id = ?'),
      consents: db.prepare<[number], ConsentRow>(
        'SELECT purpose, notice_version, given_at, method, withdrawn_at, reference, recorded_by FROM consent WHERE person_id = ? ORDER BY id',
      ),
      setLanguage: db.prepare<[string, string, number]>('UPDATE person SET language = ?, updated_at = ? WHERE id = ?'),
      setProfile: db.prepare(
        `UPDATE person SET first_name = @firstName, neighbourhood = @neighbourhood, age_bracket = @ageBracket, gender = @gender,
           equipment = @equipment, reminders = @reminders, reminder_contact_id = @reminderContactId, updated_at = @now
         WHERE id = @personId`,
      ),
      markVolunteer: db.prepare<[string, string, number]>(
        "UPDATE person SET volunteer_status = 'volunteer', volunteer_since = ?, updated_at = ? WHERE id = ?",
      ),
      insertConsent: db.prepare(
        `INSERT INTO consent (person_id, purpose, notice_version, given_at, method, reference, recorded_by)
         VALUES (@personId, @purpose, @noticeVersion, @givenAt, @method, @reference, @recordedBy)`,
      ),
      withdraw: db.prepare<[string, number]>(
        `UPDATE person SET volunteer_status = 'withdrawn', volunteer_since = NULL, first_name = NULL, neighbourhood = NULL,
           age_bracket = NULL, gender = NULL, equipment = NULL, reminders = NULL, reminder_contact_id = NULL, updated_at = ?
         WHERE id = ?`,
      ),
      withdrawConsents: db.prepare<[string, number]>('UPDATE consent SET withdrawn_at = ? WHERE person_id = ? AND withdrawn_at IS NULL'),
      setOptedOut: db.prepare<[string | null, string, number]>('UPDATE person SET opted_out_at = ?, updated_at = ? WHERE id = ?'),
      recordCameFrom: db.prepare<[string, string, number]>('UPDATE person SET came_from = ?, updated_at = ? WHERE id = ? AND came_from IS NULL'),
      delete: db.prepare<[number]>('DELETE FROM person WHERE id = ?'),
      volunteerIds: db.prepare<[], { id: number }>("SELECT id FROM person WHERE volunteer_status = 'volunteer' ORDER BY volunteer_since, id"),
      firstNames: db.prepare<[], { id: number; first_name: string }>('SELECT id, first_name FROM person WHERE first_name IS NOT NULL ORDER BY id'),
    };
  }

  create(language: Language | null, now: Date): number {
    const at = now.toISOString();
    const id = Number(this.statements.insert.run(at, at, language).lastInsertRowid);
    this.statements.insertRole.run(id, 'resident', at, null);
    return id;
  }

  find(personId: number): PersonRecord | null {
    const row = this.statements.find.get(personId);
    if (!row) return null;
    return {
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      language: isLanguage(row.language) ? row.language : null,
      volunteerStatus: row.volunteer_status,
      volunteerSince: row.volunteer_since,
      profile: profileOf(row),
      reminderContactId: row.reminder_contact_id,
      optedOutAt: row.opted_out_at,
      cameFrom: row.came_from,
      roles: this.statements.roles.all(personId).map((r) => r.role),
      otherAnswers: Object.fromEntries(this.statements.otherAnswers.all(personId).map((r) => [r.question, r.answer])),
      consents: this.statements.consents.all(personId).map((c) => ({
        purpose: c.purpose,
        noticeVersion: c.notice_version,
        givenAt: c.given_at,
        method: c.method,
        withdrawnAt: c.withdrawn_at,
        reference: c.reference,
        recordedBy: c.recorded_by,
      })),
    };
  }

  setLanguage(personId: number, language: Language, now: Date): void {
    this.statements.setLanguage.run(language, now.toISOString(), personId);
  }

  registerVolunteer(personId: number, profile: VolunteerProfile, reminderContactId: number | null, consent: NewConsent, now: Date): void {
    this.updateProfile(personId, profile, reminderContactId, now);
    this.statements.markVolunteer.run(now.toISOString(), now.toISOString(), personId);
    this.recordConsent(personId, consent);
  }

  updateProfile(personId: number, profile: VolunteerProfile, reminderContactId: number | null, now: Date): void {
    this.statements.setProfile.run({ personId, ...profile, reminderContactId, now: now.toISOString() });
  }

  recordConsent(personId: number, consent: NewConsent): void {
    this.statements.insertConsent.run({ personId, reference: null, recordedBy: null, ...consent });
  }

  grantRole(personId: number, role: Role, now: Date, organisation: string | null = null): boolean {
    return this.statements.insertRole.run(personId, role, now.toISOString(), organisation).changes > 0;
  }

  organisationOf(personId: number, role: Role): string | null {
    return this.statements.organisation.get(personId, role)?.organisation ?? null;
  }

  roleHolders(roles: readonly Role[]): RoleHolder[] {
    if (roles.length === 0) return [];
    return this.db
      .prepare<Role[], { person_id: number; role: Role; organisation: string | null; granted_at: string; first_name: string | null }>(
        `SELECT r.person_id, r.role, r.organisation, r.granted_at, p.first_name FROM person_role r JOIN person p ON p.id = r.person_id
         WHERE r.role IN (${roles.map(() => '?').join(', ')}) ORDER BY r.role, r.person_id`,
      )
      .all(...roles)
      .map((r) => ({ personId: r.person_id, role: r.role, organisation: r.organisation, grantedAt: r.granted_at, firstName: r.first_name }));
  }

  revokeRole(personId: number, role: Role): boolean {
    return this.statements.deleteRole.run(personId, role).changes > 0;
  }

  withdrawVolunteer(personId: number, now: Date): void {
    this.statements.withdraw.run(now.toISOString(), personId);
    this.statements.clearAnswers.run(personId);
    this.statements.withdrawConsents.run(now.toISOString(), personId);
  }

  setOptedOut(personId: number, optedOut: boolean, now: Date): void {
    this.statements.setOptedOut.run(optedOut ? now.toISOString() : null, now.toISOString(), personId);
  }

  recordCameFrom(personId: number, source: string, now: Date): void {
    this.statements.recordCameFrom.run(source, now.toISOString(), personId);
  }

  delete(personId: number): void {
    this.statements.delete.run(personId);
    noteErasure(this.db);
  }

  volunteerIds(): number[] {
    return this.statements.volunteerIds.all().map((r) => r.id);
  }

  firstNames(): { readonly id: number; readonly firstName: string }[] {
    return this.statements.firstNames.all().map((r) => ({ id: r.id, firstName: r.first_name }));
  }
}
