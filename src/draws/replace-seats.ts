import type { ConversationService } from '../conversation/conversation-service';
import { inTransaction } from '../store/database';
import type { DrawRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { lotteryFrom, lotteryProblem, drawFromLottery, type CategoryQuotas } from './record/lottery';
import { roundCommitment, type ReplacementRound } from './record/public-record';
import { replacementBasis } from './record/replacement';
import { replacementSeed } from './record/seed';
import { explainInfeasibility, type InfeasibilityExplanation } from './selection/infeasibility';
import { InfeasibleQuotasError, leximin } from './selection/leximin';
import type { Solver } from './selection/linear-program';
import { inviteRound, seatTimes, type Deliveries } from './run-draw';

/** What `draw replace` did, or why not. */
export type ReplaceResult =
  | { readonly ok: true; readonly round: ReplacementRound | null; readonly deliveries: Deliveries }
  | { readonly ok: false; readonly reason: 'not_drawn' | 'changed' }
  | { readonly ok: false; readonly reason: 'infeasible'; readonly explanation: InfeasibilityExplanation; readonly categories: readonly CategoryQuotas[]; readonly seats: number; readonly candidates: number };

/** What replacing needs. */
export interface ReplaceDeps {
  readonly store: Store;
  readonly conversations: ConversationService;
  readonly solver: Solver;
}

/** The quotas loosened by an explanation's smallest relaxation. */
function relaxed(categories: readonly CategoryQuotas[], explanation: InfeasibilityExplanation): CategoryQuotas[] {
  return categories.map((category, c) => ({
    field: category.field,
    values: category.values.map((quota, v) => {
      const change = explanation.relaxation.find((x) => x.category === c && x.value === v);
      return change ? { value: quota.value, min: change.to.min, max: change.to.max } : quota;
    }),
  }));
}

/**
 * Draws replacements for the seats freed (declined, or no answer in time) among the people of
 * the pool never invited, so that the people holding seats (accepted or waiting) and the new ones
 * together meet the quotas: a leximin lottery of its own, drawn with a seed derived from the
 * published one, recorded as a round of the public record, and its people invited. Nothing to
 * do when no seat is free (`round` null). Quotas the people left cannot meet are explained;
 * with `relax`, the smallest relaxation is applied and the round says so.
 */
export function replaceSeats(deps: ReplaceDeps, draw: DrawRecord, now: Date, options: { readonly relax?: boolean } = {}): ReplaceResult {
  const { store, conversations, solver } = deps;
  if (draw.status !== 'drawn' || draw.seed === null) return { ok: false, reason: 'not_drawn' };
  const seats = store.draws.seats(draw.id);
  const held = seats.filter((s) => s.status === 'waiting' || s.status === 'accepted').map((s) => s.pseudonym);
  const freed = seats.filter((s) => s.status === 'declined' || s.status === 'expired').map((s) => s.pseudonym);
  const basis = replacementBasis(draw.prepared, new Set(seats.map((s) => s.pseudonym)), held);
  if (basis.seats === 0) return { ok: true, round: null, deliveries: { direct: 0, mediator: 0, unreachable: 0 } };
  const candidates = basis.candidates.map((c) => ({ ...c, probability: 0 }));
  const solve = (categories: readonly CategoryQuotas[]) => {
    const { problem } = lotteryProblem({ panel_size: basis.seats, categories, pool: candidates });
    if (candidates.length < basis.seats) throw new InfeasibleQuotasError();
    return { problem, result: leximin(solver, problem) };
  };
  let categories: readonly CategoryQuotas[] = basis.categories;
  let solved: ReturnType<typeof solve>;
  try {
    solved = solve(categories);
  } catch (error) {
    if (!(error instanceof InfeasibleQuotasError)) throw error;
    const { problem } = lotteryProblem({ panel_size: basis.seats, categories, pool: candidates });
    const explanation = explainInfeasibility(solver, problem);
    if (!options.relax || explanation.relaxation.length === 0) return { ok: false, reason: 'infeasible', explanation, categories, seats: basis.seats, candidates: candidates.length };
    categories = relaxed(categories, explanation);
    solved = solve(categories);
  }
  const number = store.draws.rounds(draw.id).length + 1;
  const lottery = lotteryFrom({ panel_size: basis.seats, categories }, basis.candidates, solved.result);
  const content = { ...lottery, ...drawFromLottery(lottery, replacementSeed(draw.seed, number)), round: number, at: now.toISOString(), held, freed, relaxed: categories !== basis.categories };
  const round: ReplacementRound = { ...content, commitment: roundCommitment(content) };
  // The lottery was computed outside any transaction (it can take long): if an answer came in
  // meanwhile, the round was drawn for seats that are not the ones free now.
  const snapshot = (list: typeof seats) => list.map((s) => `${s.id}:${s.status}`).join(',');
  const deliveries = inTransaction(store.db, () => {
    if (snapshot(store.draws.seats(draw.id)) !== snapshot(seats) || store.draws.rounds(draw.id).length + 1 !== number) return null;
    store.draws.addRound(draw.id, round, now);
    const { remindAt, answerBy } = seatTimes(draw.definition, now);
    store.draws.addSeats(draw.id, number, round.panel, remindAt, answerBy, now);
    return inviteRound(store, conversations, draw.id, number, now);
  });
  return deliveries ? { ok: true, round, deliveries } : { ok: false, reason: 'changed' };
}
