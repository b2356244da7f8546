import type { AgentText } from '../domain/assembly-session';
import { hiddenCells } from '../reporting/volunteer-breakdowns';
import type { DrawRecord, DrawStatus } from '../store/draws-repo';
import type { Store } from '../store/store';
import type { SeatStatus } from './record/public-record';

/** A draw in the public list. */
export interface PublicDrawSummary {
  readonly id: number;
  readonly name: AgentText;
  readonly status: DrawStatus;
  readonly preparedAt: string;
  readonly drawnAt: string | null;
  readonly poolSize: number;
  readonly panelSize: number;
}

/** One value of a category as published: its quota, the pool's people with it (null: fewer than five, not published), and whether the seats held are within the quota. */
export interface PublicQuotaRow {
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly pool: number | null;
  /** Null before the draw. */
  readonly withinQuota: boolean | null;
}

/** A person drawn, as the public record shows them: a pseudonym, their values, their answer. */
export interface PublicSeat {
  readonly pseudonym: string;
  /** 0: the draw; n: replacement round n. */
  readonly round: number;
  readonly values: readonly string[];
  readonly answer: SeatStatus;
}

/** A replacement round as published. */
export interface PublicRound {
  readonly round: number;
  readonly at: string;
  /** The seed of the round, derived from the published one. */
  readonly seed: string;
  readonly freed: number;
  readonly drawn: number;
  readonly relaxed: boolean;
}

/**
 * A draw's public page as view data: what was committed to and when, the random source announced,
 * the seed and the people drawn by pseudonym with their categories and answers (that listing is
 * part of the public record, so that anyone can check the quotas), the replacement rounds, and the
 * pool by category with every count under five withheld. No name, no contact point, no id.
 */
export interface PublicDrawView extends PublicDrawSummary {
  readonly about: AgentText;
  readonly commitment: string;
  readonly seedSource: string;
  readonly smallestProbability: number;
  readonly largestProbability: number;
  readonly seed: string | null;
  /** The number the seed gave (0 to 1), and the panel of the distribution it picked (from 1). */
  readonly uniform: number | null;
  readonly panelNumber: number | null;
  readonly panels: number;
  readonly categories: readonly { readonly field: string; readonly values: readonly PublicQuotaRow[] }[];
  readonly seats: readonly PublicSeat[];
  readonly rounds: readonly PublicRound[];
}

function summary(draw: DrawRecord): PublicDrawSummary {
  return { id: draw.id, name: draw.definition.name, status: draw.status, preparedAt: draw.createdAt, drawnAt: draw.drawnAt, poolSize: draw.prepared.pool.length, panelSize: draw.prepared.panel_size };
}

/** Draws the public may see (all but those cancelled), latest first. */
export function publicDraws(store: Store): PublicDrawSummary[] {
  return store.draws
    .list()
    .filter((draw) => draw.status !== 'cancelled')
    .map(summary)
    .sort((a, b) => b.id - a.id);
}

/** A draw's public view; null when there is no such draw, or it was cancelled. */
export function publicDrawView(store: Store, drawId: number): PublicDrawView | null {
  const draw = store.draws.find(drawId);
  if (!draw || draw.status === 'cancelled') return null;
  const { prepared } = draw;
  const seats = store.draws.seats(draw.id);
  const valuesOf = new Map(prepared.pool.map((e) => [e.pseudonym, e.values]));
  const holding = seats.filter((s) => s.status === 'accepted' || s.status === 'waiting');
  const categories = prepared.categories.map((category, c) => {
    const counts = category.values.map((quota) => prepared.pool.filter((e) => e.values[c] === quota.value).length);
    const hidden = hiddenCells(counts);
    return {
      field: category.field,
      values: category.values.map((quota, v) => {
        const held = holding.filter((s) => valuesOf.get(s.pseudonym)?.[c] === quota.value).length;
        return { value: quota.value, min: quota.min, max: quota.max, pool: hidden.has(v) ? null : (counts[v] ?? 0), withinQuota: draw.status === 'drawn' ? held >= quota.min && held <= quota.max : null };
      }),
    };
  });
  const probabilities = prepared.pool.map((e) => e.probability);
  const rounds = store.draws.rounds(draw.id);
  return {
    ...summary(draw),
    about: draw.definition.about,
    commitment: draw.commitment,
    seedSource: draw.definition.seedSource,
    smallestProbability: probabilities.length > 0 ? Math.min(...probabilities) : 0,
    largestProbability: probabilities.length > 0 ? Math.max(...probabilities) : 0,
    seed: draw.seed,
    uniform: draw.outcome?.uniform ?? null,
    panelNumber: draw.outcome ? draw.outcome.panel_index + 1 : null,
    panels: prepared.distribution.length,
    categories,
    seats: seats.map((s) => ({ pseudonym: s.pseudonym, round: s.round, values: valuesOf.get(s.pseudonym) ?? [], answer: s.status })),
    rounds: rounds.map((r) => ({ round: r.round, at: r.at, seed: r.seed, freed: r.freed.length, drawn: r.panel.length, relaxed: r.relaxed })),
  };
}
