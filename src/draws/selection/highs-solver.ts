import loadHighs from 'highs';
import { toLpText, type Constraint, type LinearModel, type LinearProgram, type ModelSolveResult, type SolveMethod, type SolveResult, type Solver, type Term, type Variable } from './linear-program';

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
const INTERIOR = { solver: 'ipm', run_crossover: 'off', ipm_optimality_tolerance: 1e-10 } as const;
/**
 * A model solved again after columns were added: the primal simplex method starts from the last
 * basis, still feasible, and needs a few steps (presolve would start from scratch each time).
 * Without scaling, which HiGHS would otherwise recompute at each solve: the coefficients are
 * shares between 0 and 1 already (measured: a fifth faster on a pool of 1,000).
 */
const VERTEX = { solver: 'simplex', presolve: 'off', simplex_strategy: 4, simplex_scale_strategy: 0 } as const;
/** Integer programs: the solver's own choices. */
const INTEGER = { solver: 'choose', presolve: 'choose', simplex_strategy: 1 } as const;

const NO_SOLUTION = { objective: Number.NaN, values: [] } as const;

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

/** Sparse entries as HiGHS reads them. */
function entries(terms: readonly Term[]): { indices: number[]; values: number[] } {
  return { indices: terms.map((t) => t.variable), values: terms.map((t) => t.coefficient) };
}

/** A LinearModel on a persistent HiGHS instance. */
class HighsLinearModel implements LinearModel {
  private columns = 0;
  private rows = 0;
  private mode = '';
  private integer = false;
  private gap: number = OPTIONS.mip_rel_gap;

  constructor(private readonly highs: Highs, private readonly model: HighsModel, sense: LinearProgram['sense']) {
    model.options.set(OPTIONS);
    model.changeObjectiveSense(sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize);
  }

  private bound(value: number): number {
    return Number.isFinite(value) ? value : value > 0 ? this.highs.infinity : -this.highs.infinity;
  }

  addColumn(cost: number, variable: Variable, terms: readonly Term[]): number {
    this.model.addCol(cost, this.bound(variable.lower), this.bound(variable.upper), entries(terms));
    if (variable.integer) {
      this.model.changeColIntegrality(this.columns, this.highs.constants.variableType.integer);
      this.integer = true;
    }
    return this.columns++;
  }

  addRow(constraint: Constraint): number {
    this.model.addRow(this.bound(constraint.lower), this.bound(constraint.upper), entries(constraint.terms));
    return this.rows++;
  }

  setRowBounds(row: number, lower: number, upper: number): void {
    this.model.changeRowBounds(row, this.bound(lower), this.bound(upper));
  }

  setCoefficient(row: number, column: number, value: number): void {
    this.model.changeCoefficient(row, column, value);
  }

  deleteColumns(columns: readonly number[]): void {
    if (columns.length === 0) return;
    this.model.deleteCols({ kind: 'set', indices: [...columns] });
    this.columns -= columns.length;
  }

  setCosts(costs: readonly number[]): void {
    this.model.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, costs);
  }

  solve(method: SolveMethod = 'vertex', gap: number = OPTIONS.mip_rel_gap): ModelSolveResult {
    const mode = this.integer ? 'integer' : method;
    if (mode !== this.mode) {
      this.model.options.set(mode === 'integer' ? INTEGER : mode === 'interior' ? INTERIOR : VERTEX);
      this.mode = mode;
    }
    if (gap !== this.gap) {
      this.model.options.set({ mip_rel_gap: gap });
      this.gap = gap;
    }
    try {
      this.model.run();
    } catch (error) {
      return { status: 'failed', ...NO_SOLUTION, rowDuals: [], basic: [], detail: (error as Error).message };
    }
    const status = this.model.getModelStatus();
    const codes = this.highs.constants.modelStatus;
    if (status !== codes.optimal) {
      return { status: status === codes.infeasible ? 'infeasible' : 'failed', ...NO_SOLUTION, rowDuals: [], basic: [], detail: `model status ${status}` };
    }
    const solution = this.model.getSolution();
    const basic = method === 'vertex' && !this.integer ? [...this.model.getBasis().colStatus].map((s) => s === this.highs.constants.basisStatus.basic) : [];
    const bound = this.integer ? { bound: Number(this.model.info.get('mip_dual_bound')) } : {};
    return { status: 'optimal', objective: this.model.getObjectiveValue(), values: [...solution.colValue], rowDuals: [...solution.rowDual].map(Math.abs), basic, detail: 'optimal', ...bound };
  }

  dispose(): void {
    this.model.dispose();
  }
}

let loaded: Promise<Solver> | null = null;

/**
 * The HiGHS solver (the Edinburgh solver compiled to WebAssembly), loaded once per process.
 * `solve` runs each program on a fresh instance, so its results do not depend on earlier solves;
 * `createModel` keeps one in memory for column generation.
 */
export function loadSolver(): Promise<Solver> {
  loaded ??= loadHighs().then(
    (highs): Solver => ({
      description: `HiGHS ${highs.version.string} (highs-js, WebAssembly)`,
      solve(program: LinearProgram, method: SolveMethod = 'vertex'): SolveResult {
        let result: ReturnType<Highs['solve']>;
        try {
          result = highs.solve(toLpText(program), method === 'interior' ? { ...OPTIONS, ...INTERIOR } : OPTIONS);
        } catch (error) {
          // HiGHS throws rather than answering in some cases (the interior-point method on an
          // unbounded program): for the caller, it is a solve that gave no solution.
          return { status: 'failed', ...NO_SOLUTION, detail: (error as Error).message };
        }
        if (result.Status === 'Infeasible') return { status: 'infeasible', ...NO_SOLUTION, detail: result.Status };
        if (result.Status !== 'Optimal') return { status: 'failed', ...NO_SOLUTION, detail: result.Status };
        const columns = result.Columns as Record<string, { Primal: number } | undefined>;
        const values = program.variables.map((_, i) => columns[`x${i}`]?.Primal ?? 0);
        return { status: 'optimal', objective: result.ObjectiveValue, values, detail: result.Status };
      },
      createModel: (sense) => new HighsLinearModel(highs, highs.createModel(), sense),
    }),
  );
  return loaded;
}
