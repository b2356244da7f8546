import type { Db } from '../store/database';
import type { Store } from '../store/store';

/** Figures for agents: no names, only counts. */
export interface Stats {
  readonly people: number;
  readonly volunteers: number;
  readonly withdrawn: number;
  readonly opted_out: number;
  readonly contact_points: Readonly<Record<string, number>>;
  /** People by the deep link that brought them (which posters work). */
  readonly people_by_source: Readonly<Record<string, number>>;
  readonly volunteers_by: VolunteersBy;
  readonly outbox: Readonly<Record<string, number>>;
  readonly monthly: readonly { readonly month: string; readonly name: string; readonly value: number }[];
}

const BREAKDOWN_FIELDS = ['neighbourhood', 'age_bracket', 'gender', 'equipment', 'language', 'reminders'] as const;

function countBy(db: Db, sql: string): Record<string, number> {
  const rows = db.prepare<[], { key: string | null; n: number }>(sql).all();
  return Object.fromEntries(rows.map((r) => [r.key ?? 'none', r.n]));
}

/** Counts of current volunteers by profile field (neighbourhood, age bracket…), then by value. */
export type VolunteersBy = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Current volunteers by every profile field a draw or a dashboard breaks them down by. */
export function volunteersBy(db: Db): VolunteersBy {
  return Object.fromEntries(
    BREAKDOWN_FIELDS.map((field) => [
      field,
      // Field names come from the constant list above, never from input.
      countBy(db, `SELECT ${field} AS key, count(*) AS n FROM person WHERE volunteer_status = 'volunteer' GROUP BY ${field} ORDER BY n DESC, key`),
    ]),
  );
}

/** How many people there are, how many volunteer, withdrew, or opted out. */
export function peopleCounts(db: Db): Pick<Stats, 'people' | 'volunteers' | 'withdrawn' | 'opted_out'> {
  const one = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  return {
    people: one('SELECT count(*) AS n FROM person'),
    volunteers: one("SELECT count(*) AS n FROM person WHERE volunteer_status = 'volunteer'"),
    withdrawn: one("SELECT count(*) AS n FROM person WHERE volunteer_status = 'withdrawn'"),
    opted_out: one('SELECT count(*) AS n FROM person WHERE opted_out_at IS NOT NULL'),
  };
}

/**
 * Counts people, volunteers by profile field, contact points by channel, outbox rows by status,
 * and the anonymous monthly counters (which outlive erasures). Read-only reporting across table
 * groups, so it queries the database directly.
 */
export function collectStats(store: Store): Stats {
  const { db } = store;
  return {
    ...peopleCounts(db),
    contact_points: countBy(db, 'SELECT channel AS key, count(*) AS n FROM contact_point GROUP BY channel ORDER BY channel'),
    people_by_source: countBy(db, 'SELECT came_from AS key, count(*) AS n FROM person WHERE came_from IS NOT NULL GROUP BY came_from ORDER BY n DESC, key'),
    volunteers_by: volunteersBy(db),
    outbox: countBy(db, 'SELECT status AS key, count(*) AS n FROM outbox GROUP BY status ORDER BY status'),
    monthly: store.stats.counters(),
  };
}
