import type { City } from '../domain/city';
import type { DrawDefinition } from '../domain/draw';
import { estimateLegacy, type LegacyEstimate } from './selection/legacy';
import { explainInfeasibility, type InfeasibilityExplanation } from './selection/infeasibility';
import { InfeasibleQuotasError, leximin, TOLERANCE } from './selection/leximin';
import type { Solver } from './selection/linear-program';
import { commitmentOf, type Json } from './record/canonical-json';
import { lotteryFrom, lotteryProblem, type CategoryQuotas } from './record/lottery';
import { RECORD_FORMAT } from './record/public-record';
import { inTransaction } from '../store/database';
import type { DrawRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { loadPool, type Pool } from './load-pool';
import { newPseudonyms } from './pseudonyms';

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
  | { readonly ok: false; readonly reason: 'unknown_sessions'; readonly sessions: readonly number[] }
  | { readonly ok: false; readonly reason: 'unknown_pool_draw'; readonly drawId: number }
  | { readonly ok: false; readonly reason: 'infeasible'; readonly pool: Pool; readonly explanation: InfeasibilityExplanation; readonly categories: readonly CategoryQuotas[] };

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

/** The references a file makes that the database must hold: sessions, and the draw a pool comes from. */
function checkReferences(store: Store, definition: DrawDefinition): PrepareResult | null {
  const missing = definition.sessions.filter((id) => !store.sessions.find(id));
  if (missing.length > 0) return { ok: false, reason: 'unknown_sessions', sessions: missing };
  if (definition.pool.kind === 'draw' && store.draws.find(definition.pool.drawId)?.status !== 'drawn') return { ok: false, reason: 'unknown_pool_draw', drawId: definition.pool.drawId };
  return null;
}

/**
 * `draw prepare`: freezes the pool (each person a new random pseudonym and their values, nothing
 * else), computes the leximin distribution over the panels that meet the quotas, and records
 * both with the commitment (SHA-256 of the prepared record) for the city to publish before the
 * seed is known. Quotas no panel meets are explained instead. The pool is read in one read
 * transaction; the long computation holds no lock; the draw is written in one transaction.
 */
export function prepareDraw(deps: PrepareDeps, definition: DrawDefinition, now: Date): PrepareResult {
  const { store, solver, city } = deps;
  const invalid = checkReferences(store, definition);
  if (invalid) return invalid;
  const pool = store.db.transaction(() => loadPool(store, definition))();
  const pseudonyms = deps.pseudonymRandom ? newPseudonyms(pool.people.length, deps.pseudonymRandom) : newPseudonyms(pool.people.length);
  const entries = pool.people.map((person, i) => ({ pseudonym: pseudonyms[i] as string, values: person.values }));
  const base = { panel_size: definition.panelSize, categories: definition.categories.map((c) => ({ field: c.field, values: c.values.map((v) => ({ ...v })) })) };
  const { problem } = lotteryProblem({ ...base, pool: entries.map((e) => ({ ...e, probability: 0 })) });
  const started = Date.now();
  let result: ReturnType<typeof leximin>;
  try {
    if (entries.length < definition.panelSize) throw new InfeasibleQuotasError();
    result = leximin(solver, problem);
  } catch (error) {
    if (!(error instanceof InfeasibleQuotasError)) throw error;
    return { ok: false, reason: 'infeasible', pool, explanation: explainInfeasibility(solver, problem), categories: base.categories };
  }
  const milliseconds = Date.now() - started;
  const lottery = lotteryFrom(base, entries, result);
  const prepared = {
    format: RECORD_FORMAT as typeof RECORD_FORMAT,
    draw: { name: { ...definition.name } as Record<string, string>, city: city.name, prepared_at: now.toISOString(), seed_source: definition.seedSource },
    method: { algorithm: 'leximin' as const, solver: solver.description, tolerance: TOLERANCE },
    ...lottery,
  };
  const members = pool.people.map((person, i) => ({ pseudonym: pseudonyms[i] as string, personId: person.personId }));
  const draw = inTransaction(store.db, () => store.draws.create(definition, prepared, members, (full) => commitmentOf(full as unknown as Json), now));
  const probabilities = lottery.pool.map((e) => e.probability);
  const runs = deps.legacyRuns ?? 0;
  const legacy = runs > 0 ? estimateLegacy(problem, runs, deps.random ?? Math.random) : null;
  return {
    ok: true,
    draw,
    pool,
    smallest: Math.min(...probabilities),
    largest: Math.max(...probabilities),
    stages: result.stages,
    panelsGenerated: result.panelsGenerated,
    milliseconds,
    legacy: legacy ? { ...legacy, smallest: Math.min(...legacy.probabilities.filter((_, g) => (problem.groupSizes[g] ?? 0) > 0)) } : null,
  };
}
