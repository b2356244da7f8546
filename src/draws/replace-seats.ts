import type { ConversationService } from '../conversation/conversation-service';
import { inTransaction } from '../store/database';
import type { DrawRecord, SeatRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { lotteryFrom, lotteryProblem, drawFromLottery, type CategoryQuotas } from './record/lottery';
import { roundCommitment, type ReplacementRound } from './record/public-record';
import { replacementBasis, type ReplacementBasis } from './record/replacement';
import { replacementSeed } from './record/seed';
import type { InfeasibilityExplanation } from './selection/infeasibility';
import type { Solver } from './selection/linear-program';
import { selectPanels, type Selection } from './selection/select-panels';
import type { SelectionProblem } from './selection/selection-problem';
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

/** A replacement round to compute: the seats as they stood, and what the new lottery draws among. */
export interface ReplacementPlan {
  readonly draw: DrawRecord & { readonly seed: string };
  readonly seats: readonly SeatRecord[];
  readonly basis: ReplacementBasis;
  /** The selection problem for `categories` (the quotas left, or relaxed ones). */
  problem(categories: readonly CategoryQuotas[]): SelectionProblem;
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
 * The first step of a replacement round: the seats held (accepted or waiting) and freed
 * (declined, or no answer in time), and the people of the pool never invited to draw among, so
 * that the people holding seats and the new ones together meet the quotas. Null when no seat is
 * free; nothing is written.
 */
export function planReplacement(store: Store, draw: DrawRecord): ReplacementPlan | { readonly ok: false; readonly reason: 'not_drawn' } | null {
  const seed = draw.seed;
  if (draw.status !== 'drawn' || seed === null) return { ok: false, reason: 'not_drawn' };
  const seats = store.draws.seats(draw.id);
  const held = seats.filter((s) => s.status === 'waiting' || s.status === 'accepted').map((s) => s.pseudonym);
  const basis = replacementBasis(draw.prepared, new Set(seats.map((s) => s.pseudonym)), held);
  if (basis.seats === 0) return null;
  const candidates = basis.candidates.map((c) => ({ ...c, probability: 0 }));
  return { draw: { ...draw, seed }, seats, basis, problem: (categories) => lotteryProblem({ panel_size: basis.seats, categories, pool: candidates }).problem };
}

/** The selection for the quotas left; with `relax`, when they cannot be met, the one for the smallest relaxation. */
export type ChosenSelection = { readonly categories: readonly CategoryQuotas[]; readonly selection: Selection };

/** Computes a lottery's panels: in this thread (`draw replace`) or in a worker (a serving process). */
export type SelectPanels = (problem: SelectionProblem) => Promise<Selection>;

/**
 * The second step: the lottery for the quotas left, computed by `select` outside any transaction
 * (it can take minutes); with `relax`, when they cannot be met and a relaxation exists, the
 * lottery for the smallest relaxation.
 */
export async function chooseSelection(plan: ReplacementPlan, select: SelectPanels, relax: boolean): Promise<ChosenSelection> {
  const first = await select(plan.problem(plan.basis.categories));
  if (first.ok || !relax || first.explanation.relaxation.length === 0) return { categories: plan.basis.categories, selection: first };
  const loosened = relaxed(plan.basis.categories, first.explanation);
  return { categories: loosened, selection: await select(plan.problem(loosened)) };
}

/**
 * The last step: the round's lottery, drawn with a seed derived from the published one, recorded
 * as a round of the public record, and its people invited, in one transaction. The lottery was
 * computed outside any transaction (it can take long): if an answer came in meanwhile, the round
 * was drawn for seats that are not the ones free now, and nothing is recorded (`changed`).
 */
export function recordReplacement(deps: Omit<ReplaceDeps, 'solver'>, plan: ReplacementPlan, chosen: ChosenSelection, now: Date): ReplaceResult {
  const { store, conversations } = deps;
  const { draw, seats, basis } = plan;
  const { categories, selection } = chosen;
  if (!selection.ok) return { ok: false, reason: 'infeasible', explanation: selection.explanation, categories, seats: basis.seats, candidates: basis.candidates.length };
  const number = store.draws.rounds(draw.id).length + 1;
  const lottery = lotteryFrom({ panel_size: basis.seats, categories }, basis.candidates, selection.result);
  const held = seats.filter((s) => s.status === 'waiting' || s.status === 'accepted').map((s) => s.pseudonym);
  const freed = seats.filter((s) => s.status === 'declined' || s.status === 'expired').map((s) => s.pseudonym);
  const content = { ...lottery, ...drawFromLottery(lottery, replacementSeed(draw.seed, number)), round: number, at: now.toISOString(), held, freed, relaxed: categories !== basis.categories };
  const round: ReplacementRound = { ...content, commitment: roundCommitment(content) };
  const snapshot = (list: readonly SeatRecord[]) => list.map((s) => `${s.id}:${s.status}`).join(',');
  const deliveries = inTransaction(store.db, () => {
    if (snapshot(store.draws.seats(draw.id)) !== snapshot(seats) || store.draws.rounds(draw.id).length + 1 !== number) return null;
    store.draws.addRound(draw.id, round, now);
    const { remindAt, answerBy } = seatTimes(draw.definition, now);
    store.draws.addSeats(draw.id, number, round.panel, remindAt, answerBy, now);
    return inviteRound(store, conversations, draw.id, number, now);
  });
  return deliveries ? { ok: true, round, deliveries } : { ok: false, reason: 'changed' };
}

/** Nothing to replace: no seat is free. */
export const NOTHING_TO_REPLACE: ReplaceResult = { ok: true, round: null, deliveries: { direct: 0, mediator: 0, unreachable: 0 } };

/**
 * Draws replacements for the seats freed among the people of the pool never invited: a leximin
 * lottery of its own, drawn with a seed derived from the published one, recorded as a round of
 * the public record, and its people invited (see recordReplacement). Nothing to do when no seat
 * is free (`round` null). Quotas the people left cannot meet are explained; with `relax`, the
 * smallest relaxation is applied and the round says so. Computed in this thread (`draw replace`);
 * a serving process runs the same steps with the computation in a worker (the web face, the
 * scheduler's AutomaticReplacements).
 */
export async function replaceSeats(deps: ReplaceDeps, draw: DrawRecord, now: Date, options: { readonly relax?: boolean } = {}): Promise<ReplaceResult> {
  const plan = planReplacement(deps.store, draw);
  if (plan === null) return NOTHING_TO_REPLACE;
  if ('ok' in plan) return plan;
  const chosen = await chooseSelection(plan, async (problem) => selectPanels(deps.solver, problem), options.relax === true);
  return recordReplacement(deps, plan, chosen, now);
}
