import type { City } from '../domain/city';
import type { DrawDefinition } from '../domain/draw';
import { estimateLegacy, type LegacyEstimate } from './selection/legacy';
import type { InfeasibilityExplanation } from './selection/infeasibility';
import { TOLERANCE } from './selection/leximin';
import type { Solver } from './selection/linear-program';
import { selectPanels, type Selection } from './selection/select-panels';
import type { SelectionProblem } from './selection/selection-problem';
import { commitmentOf, type Json } from './record/canonical-json';
import { lotteryFrom, lotteryProblem, type CategoryQuotas, type PoolEntry } from './record/lottery';
import { RECORD_FORMAT } from './record/public-record';
import { inTransaction } from '../store/database';
import type { DrawRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { loadPool, type Pool } from './load-pool';
import { newPseudonyms } from './pseudonyms';

/** Why a draw cannot be prepared. */
export type PrepareRefusal =
  | { readonly ok: false; readonly reason: 'unknown_sessions'; readonly sessions: readonly number[] }
  | { readonly ok: false; readonly reason: 'unknown_pool_draw'; readonly drawId: number }
  | { readonly ok: false; readonly reason: 'infeasible'; readonly pool: Pool; readonly explanation: InfeasibilityExplanation; readonly categories: readonly CategoryQuotas[] };

/** What `prepare` did, or why it could not. */
export type PrepareResult =
  | {
      readonly ok: true;
      readonly draw: DrawRecord;
      readonly pool: Pool;
      readonly smallest: number;
      readonly largest: number;
      /** How the computation went: maximin stages, panels found, panels kept, milliseconds. */
      readonly stages: number;
      readonly panelsGenerated: number;
      readonly milliseconds: number;
      /** The legacy method's smallest probability on the same pool, when asked for. */
      readonly legacy: (LegacyEstimate & { readonly smallest: number }) | null;
    }
  | PrepareRefusal;

/** What preparing a draw needs. */
export interface PrepareDeps {
  readonly store: Store;
  readonly solver: Solver;
  readonly city: City;
  /** Runs of the legacy method to compare with (0: none). */
  readonly legacyRuns?: number;
  /** Randomness for the legacy comparison only (the draw itself uses the public seed). */
  readonly random?: () => number;
  /** Randomness for pseudonyms, an integer below `max` (default: the system's secure generator; tests seed it). */
  readonly pseudonymRandom?: (max: number) => number;
}

/** A draw whose pool is frozen under new pseudonyms, ready for its distribution to be computed. */
export interface DrawPlan {
  readonly definition: DrawDefinition;
  readonly pool: Pool;
  readonly entries: readonly Pick<PoolEntry, 'pseudonym' | 'values'>[];
  readonly categories: readonly CategoryQuotas[];
  readonly problem: SelectionProblem;
}

/** The references a file makes that the database must hold: sessions, and the draw a pool comes from. */
function checkReferences(store: Store, definition: DrawDefinition): PrepareRefusal | null {
  const missing = definition.sessions.filter((id) => !store.sessions.find(id));
  if (missing.length > 0) return { ok: false, reason: 'unknown_sessions', sessions: missing };
  if (definition.pool.kind === 'draw' && store.draws.find(definition.pool.drawId)?.status !== 'drawn') return { ok: false, reason: 'unknown_pool_draw', drawId: definition.pool.drawId };
  return null;
}

/**
 * The first step of `prepare`: checks what the file refers to, reads the pool (one read
 * transaction) and gives each person a new random pseudonym; nothing is written.
 */
export function planDraw(deps: Pick<PrepareDeps, 'store' | 'pseudonymRandom'>, definition: DrawDefinition): DrawPlan | PrepareRefusal {
  const { store } = deps;
  const invalid = checkReferences(store, definition);
  if (invalid) return invalid;
  const pool = store.db.transaction(() => loadPool(store, definition))();
  const pseudonyms = deps.pseudonymRandom ? newPseudonyms(pool.people.length, deps.pseudonymRandom) : newPseudonyms(pool.people.length);
  const entries = pool.people.map((person, i) => ({ pseudonym: pseudonyms[i] as string, values: person.values }));
  const categories = definition.categories.map((c) => ({ field: c.field, values: c.values.map((v) => ({ ...v })) }));
  const { problem } = lotteryProblem({ panel_size: definition.panelSize, categories, pool: entries.map((e) => ({ ...e, probability: 0 })) });
  return { definition, pool, entries, categories, problem };
}

/**
 * The last step of `prepare`: records the draw (the prepared part of its public record and its
 * commitment, the SHA-256 the city publishes before the seed is known) in one transaction, or
 * returns the explanation of quotas no panel meets. Someone erased while the distribution was
 * computed stays in the pool under their pseudonym, linked to nobody.
 */
export function recordDraw(deps: Pick<PrepareDeps, 'store' | 'city'>, plan: DrawPlan, selection: Selection, now: Date): PrepareResult {
  const { store, city } = deps;
  const { definition, pool, entries, categories } = plan;
  if (!selection.ok) return { ok: false, reason: 'infeasible', pool, explanation: selection.explanation, categories };
  const lottery = lotteryFrom({ panel_size: definition.panelSize, categories }, entries, selection.result);
  const prepared = {
    format: RECORD_FORMAT as typeof RECORD_FORMAT,
    draw: { name: { ...definition.name } as Record<string, string>, city: city.name, prepared_at: now.toISOString(), seed_source: definition.seedSource },
    method: { algorithm: 'leximin' as const, solver: selection.solver, tolerance: TOLERANCE },
    ...lottery,
  };
  const draw = inTransaction(store.db, () => {
    const members = pool.people.map((person, i) => ({ pseudonym: entries[i]?.pseudonym as string, personId: store.people.find(person.personId) ? person.personId : null }));
    return store.draws.create(definition, prepared, members, (full) => commitmentOf(full as unknown as Json), now);
  });
  const probabilities = lottery.pool.map((e) => e.probability);
  return {
    ok: true,
    draw,
    pool,
    smallest: Math.min(...probabilities),
    largest: Math.max(...probabilities),
    stages: selection.result.stages,
    panelsGenerated: selection.result.panelsGenerated,
    milliseconds: selection.milliseconds,
    legacy: null,
  };
}

/**
 * `draw prepare`: freezes the pool (each person a new random pseudonym and their values, nothing
 * else), computes the leximin distribution over the panels that meet the quotas, and records
 * both with the commitment. Quotas no panel meets are explained instead. The long computation
 * holds no lock. The web face runs the same steps with the computation in a worker thread.
 */
export function prepareDraw(deps: PrepareDeps, definition: DrawDefinition, now: Date): PrepareResult {
  const plan = planDraw(deps, definition);
  if ('ok' in plan) return plan;
  const result = recordDraw(deps, plan, selectPanels(deps.solver, plan.problem), now);
  const runs = deps.legacyRuns ?? 0;
  if (!result.ok || runs === 0) return result;
  const { problem } = plan;
  const legacy = estimateLegacy(problem, runs, deps.random ?? Math.random);
  return { ...result, legacy: { ...legacy, smallest: Math.min(...legacy.probabilities.filter((_, g) => (problem.groupSizes[g] ?? 0) > 0)) } };
}
