import { explainInfeasibility, type InfeasibilityExplanation } from './infeasibility';
import { InfeasibleQuotasError, leximin, type LeximinResult } from './leximin';
import type { Solver } from './linear-program';
import type { SelectionProblem } from './selection-problem';

/** The fair distribution over the panels that meet the quotas, or why no panel does. */
export type Selection =
  | {
      readonly ok: true;
      readonly result: LeximinResult;
      /** Which solver computed it (written in the public record). */
      readonly solver: string;
      readonly milliseconds: number;
    }
  | { readonly ok: false; readonly explanation: InfeasibilityExplanation };

/**
 * The leximin distribution of `problem`, or the explanation of why no panel meets its quotas
 * (a pool smaller than the panel included). Plain data in and out, so that it can run in a
 * worker thread (see selectInWorker); it can take minutes on a large pool.
 */
export function selectPanels(solver: Solver, problem: SelectionProblem): Selection {
  const started = Date.now();
  try {
    if (problem.groupSizes.reduce((sum, size) => sum + size, 0) < problem.panelSize) throw new InfeasibleQuotasError();
    return { ok: true, result: leximin(solver, problem), solver: solver.description, milliseconds: Date.now() - started };
  } catch (error) {
    if (!(error instanceof InfeasibleQuotasError)) throw error;
    return { ok: false, explanation: explainInfeasibility(solver, problem) };
  }
}
