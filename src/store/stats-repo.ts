import type { Db } from './database';

/** Names of the anonymous counters. Persisted: never renamed. */
export type CounterName =
  | 'inbound_message'
  | 'message_sent'
  | 'message_failed'
  | 'volunteer_registered'
  | 'volunteer_withdrawn'
  | 'person_erased'
  | 'opt_out'
  | 'idea_submitted'
  | 'ballot_cast'
  /** SMS billed: a long message counts all its parts. */
  | 'sms_segment_sent';

/** Anonymous monthly counters. */
export interface StatsRepo {
  increment(name: CounterName, now: Date, by?: number): void;
  /** Totals per counter, all months together, and per month. */
  counters(): { name: string; month: string; value: number }[];
}

/** StatsRepo on SQLite. */
export class SqliteStatsRepo implements StatsRepo {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      increment: db.prepare<{ name: string; month: string; by: number }>(
        `INSERT INTO stat_counter (name, month, value) VALUES (@name, @month, @by)
         ON CONFLICT (name, month) DO UPDATE SET value = value + @by`,
      ),
      all: db.prepare<[], { name: string; month: string; value: number }>('SELECT name, month, value FROM stat_counter ORDER BY month, name'),
    };
  }

  increment(name: CounterName, now: Date, by = 1): void {
    this.statements.increment.run({ name, month: now.toISOString().slice(0, 7), by });
  }

  counters(): { name: string; month: string; value: number }[] {
    return this.statements.all.all();
  }
}
