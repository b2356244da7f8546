import type { AgentText } from '../domain/assembly-session';
import type { DrawStatus, SeatRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import type { SeatStatus } from './record/public-record';

/** One value of a category: its quota, and the seats accepted and held (accepted or waiting). */
export interface ValueCount {
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly accepted: number;
  readonly held: number;
}

/** Where a draw stands, as view data for the CLI and a web page: counts only, pseudonyms, no names. */
export interface DrawStatusView {
  readonly id: number;
  readonly name: AgentText;
  readonly status: DrawStatus;
  readonly commitment: string;
  readonly seedSource: string;
  readonly seed: string | null;
  readonly preparedAt: string;
  readonly drawnAt: string | null;
  readonly poolSize: number;
  readonly panelSize: number;
  readonly smallestProbability: number;
  readonly largestProbability: number;
  /** People invited, by answer; `replacements`: people invited by replacement rounds. */
  readonly counts: Readonly<Record<SeatStatus, number>> & { readonly invited: number; readonly replacements: number; readonly rounds: number };
  readonly categories: readonly { readonly field: string; readonly values: readonly ValueCount[] }[];
  readonly seats: readonly { readonly pseudonym: string; readonly round: number; readonly status: SeatStatus; readonly answerBy: string }[];
  /** Whether the people who accepted, and those holding a seat, meet every quota. */
  readonly acceptedMeetQuotas: boolean;
  readonly heldMeetQuotas: boolean;
}

function countBy(seats: readonly SeatRecord[], status: SeatStatus): number {
  return seats.filter((s) => s.status === status).length;
}

/** A draw's status view; null when there is no such draw. */
export function drawStatusView(store: Store, drawId: number): DrawStatusView | null {
  const draw = store.draws.find(drawId);
  if (!draw) return null;
  const seats = store.draws.seats(draw.id);
  const valuesOf = new Map(draw.prepared.pool.map((e) => [e.pseudonym, e.values]));
  const categories = draw.prepared.categories.map((category, c) => ({
    field: category.field,
    values: category.values.map((quota) => {
      const has = (s: SeatRecord) => valuesOf.get(s.pseudonym)?.[c] === quota.value;
      return {
        value: quota.value,
        min: quota.min,
        max: quota.max,
        accepted: seats.filter((s) => s.status === 'accepted' && has(s)).length,
        held: seats.filter((s) => (s.status === 'accepted' || s.status === 'waiting') && has(s)).length,
      };
    }),
  }));
  const within = (key: 'accepted' | 'held') => categories.every((c) => c.values.every((v) => v[key] >= v.min && v[key] <= v.max));
  const probabilities = draw.prepared.pool.map((e) => e.probability);
  const rounds = store.draws.rounds(draw.id);
  return {
    id: draw.id,
    name: draw.definition.name,
    status: draw.status,
    commitment: draw.commitment,
    seedSource: draw.definition.seedSource,
    seed: draw.seed,
    preparedAt: draw.createdAt,
    drawnAt: draw.drawnAt,
    poolSize: draw.prepared.pool.length,
    panelSize: draw.prepared.panel_size,
    smallestProbability: probabilities.length > 0 ? Math.min(...probabilities) : 0,
    largestProbability: probabilities.length > 0 ? Math.max(...probabilities) : 0,
    counts: {
      invited: seats.length,
      waiting: countBy(seats, 'waiting'),
      accepted: countBy(seats, 'accepted'),
      declined: countBy(seats, 'declined'),
      expired: countBy(seats, 'expired'),
      replacements: seats.filter((s) => s.round > 0).length,
      rounds: rounds.length,
    },
    categories,
    seats: seats.map((s) => ({ pseudonym: s.pseudonym, round: s.round, status: s.status, answerBy: s.answerBy })),
    acceptedMeetQuotas: within('accepted') && countBy(seats, 'accepted') === draw.prepared.panel_size,
    heldMeetQuotas: within('held'),
  };
}
