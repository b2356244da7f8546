import loadHighs from 'highs';
import { toLpText, type LinearProgram, type SolveMethod, type SolveResult, type Solver } from './linear-program';

/** HiGHS options for every solve: quiet, deterministic, and tight enough for probabilities compared to 1e-6. */
const OPTIONS = {
  output_flag: false,
  random_seed: 0,
  // The MIP finds the panel that most improves the distribution: a gap would stop the column
  // generation early and leave the probabilities short of leximin by up to that gap.
  mip_rel_gap: 1e-9,
  mip_abs_gap: 1e-12,
  primal_feasibility_tolerance: 1e-9,
  dual_feasibility_tolerance: 1e-9,
} as const;

/** The interior-point method without crossover (see SolveMethod). */
const INTERIOR = { ...OPTIONS, solver: 'ipm', run_crossover: 'off', ipm_optimality_tolerance: 1e-10 } as const;

let loaded: Promise<Solver> | null = null;

/**
 * The HiGHS solver (the Edinburgh solver compiled to WebAssembly), loaded once per process. Each
 * solve is synchronous and runs on a fresh solver instance, so results do not depend on earlier
 * solves: the same program gives the same answer on every machine.
 */
export function loadSolver(): Promise<Solver> {
  loaded ??= loadHighs().then((highs): Solver => ({
    solve(program: LinearProgram, method: SolveMethod = 'vertex'): SolveResult {
      let result: ReturnType<typeof highs.solve>;
      try {
        result = highs.solve(toLpText(program), method === 'interior' ? INTERIOR : OPTIONS);
      } catch (error) {
        // HiGHS throws rather than answering in some cases (the interior-point method on an
        // unbounded program): for the caller, it is a solve that gave no solution.
        return { status: 'failed', objective: Number.NaN, values: [], detail: (error as Error).message };
      }
      if (result.Status === 'Infeasible') return { status: 'infeasible', objective: Number.NaN, values: [], detail: result.Status };
      if (result.Status !== 'Optimal') return { status: 'failed', objective: Number.NaN, values: [], detail: result.Status };
      const columns = result.Columns as Record<string, { Primal: number } | undefined>;
      const values = program.variables.map((_, i) => columns[`x${i}`]?.Primal ?? 0);
      return { status: 'optimal', objective: result.ObjectiveValue, values, detail: result.Status };
    },
  }));
  return loaded;
}
