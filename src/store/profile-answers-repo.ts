import type { Db } from './database';

/** Answers to the city's own profile questions (see City.profileQuestions), per person. */
export interface ProfileAnswersRepo {
  /** The person's answers, question id → option id. */
  of(personId: number): Record<string, string>;
  /** Everyone's answers to one question, person id → option id. */
  forQuestion(question: string): Map<number, string>;
  /** Replaces the person's answers with these. */
  save(personId: number, answers: Readonly<Record<string, string>>, now: Date): void;
}

/** ProfileAnswersRepo on SQLite. */
export class SqliteProfileAnswersRepo implements ProfileAnswersRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      of: db.prepare<[number], { question: string; answer: string }>('SELECT question, answer FROM person_answer WHERE person_id = ? ORDER BY question'),
      forQuestion: db.prepare<[string], { person_id: number; answer: string }>('SELECT person_id, answer FROM person_answer WHERE question = ?'),
      clear: db.prepare<[number]>('DELETE FROM person_answer WHERE person_id = ?'),
      insert: db.prepare<[number, string, string, string]>('INSERT INTO person_answer (person_id, question, answer, answered_at) VALUES (?, ?, ?, ?)'),
    };
  }

  of(personId: number): Record<string, string> {
    return Object.fromEntries(this.statements.of.all(personId).map((r) => [r.question, r.answer]));
  }

  forQuestion(question: string): Map<number, string> {
    return new Map(this.statements.forQuestion.all(question).map((r) => [r.person_id, r.answer]));
  }

  save(personId: number, answers: Readonly<Record<string, string>>, now: Date): void {
    this.statements.clear.run(personId);
    for (const [question, answer] of Object.entries(answers)) this.statements.insert.run(personId, question, answer, now.toISOString());
  }
}
