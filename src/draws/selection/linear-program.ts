/**
 * A linear or integer program as plain data, and its text in the CPLEX LP format that HiGHS
 * reads. Variables are numbered; the text names them `x0`, `x1`… so that no data (a value id, a
 * pseudonym) ever reaches the solver's parser.
 */

/** `coefficient × variable`. */
export interface Term {
  readonly variable: number;
  readonly coefficient: number;
}

/** A variable's bounds (Infinity for none) and whether it must be a whole number. */
export interface Variable {
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
}

/** `lower ≤ Σ terms ≤ upper`; either side may be infinite, both equal for an equation. */
export interface Constraint {
  readonly terms: readonly Term[];
  readonly lower: number;
  readonly upper: number;
}

/** An optimisation problem over `variables`. */
export interface LinearProgram {
  readonly sense: 'maximize' | 'minimize';
  readonly objective: readonly Term[];
  readonly variables: readonly Variable[];
  readonly constraints: readonly Constraint[];
}

/** How a solve ended: `optimal` with values, or without a solution. */
export type SolveStatus = 'optimal' | 'infeasible' | 'failed';

/** A solver's answer: the objective and each variable's value (empty unless optimal). */
export interface SolveResult {
  readonly status: SolveStatus;
  readonly objective: number;
  readonly values: readonly number[];
  /** The solver's own words for the status, for error messages. */
  readonly detail: string;
}

/**
 * How to solve a linear program: `vertex` (simplex, the default) gives a basic solution, with as
 * few non-zero values as possible; `interior` (an interior-point method without crossover) gives
 * a solution in the middle of the optimal face, where every value that can be positive in some
 * optimal solution is. Integer programs ignore it.
 */
export type SolveMethod = 'vertex' | 'interior';

/** A solve of a model kept in memory: as SolveResult, plus each row's dual value (its magnitude). */
export interface ModelSolveResult extends SolveResult {
  /** |dual| of each row: the solvers' sign conventions differ by method, the algorithms know the signs. */
  readonly rowDuals: readonly number[];
  /** For a vertex solution of a linear program: whether each column is in the basis (else empty). */
  readonly basic: readonly boolean[];
  /** For an integer program: the bound the solver proved on the objective (no solution does better). */
  readonly bound?: number;
}

/**
 * A program kept in the solver's memory and changed between solves, so that the simplex method
 * starts again from the last basis (column generation adds one column at a time: rebuilding and
 * re-reading the whole program each time would cost seconds). Dispose of it when done.
 */
export interface LinearModel {
  /** Adds a variable with its cost and its coefficients in existing rows (`variable` is the row index); returns its index. */
  addColumn(cost: number, variable: Variable, entries: readonly Term[]): number;
  /** Adds a row over existing columns; returns its index. */
  addRow(constraint: Constraint): number;
  setRowBounds(row: number, lower: number, upper: number): void;
  setCoefficient(row: number, column: number, value: number): void;
  /** Removes columns (indices in increasing order, out of the basis); later columns move down. */
  deleteColumns(columns: readonly number[]): void;
  /** Sets the cost of every column, in order. */
  setCosts(costs: readonly number[]): void;
  /**
   * Solves the model. For an integer program, `gap` lets the solver stop at a solution proven
   * within that fraction of the best (default: exact to 1e-9).
   */
  solve(method?: SolveMethod, gap?: number): ModelSolveResult;
  dispose(): void;
}

/** Something that solves linear and integer programs. */
export interface Solver {
  /** Which solver, and which version: written in public records. */
  readonly description: string;
  solve(program: LinearProgram, method?: SolveMethod): SolveResult;
  /** An empty program kept in memory (see LinearModel). */
  createModel(sense: LinearProgram['sense']): LinearModel;
}

/** A number as the LP format reads it: shortest round-trip decimal (`1e-7` is accepted). */
function num(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

function expression(terms: readonly Term[]): string {
  if (terms.length === 0) return '0 x0';
  return terms
    .map((t, i) => {
      const sign = t.coefficient < 0 ? '-' : '+';
      const magnitude = num(Math.abs(t.coefficient));
      return `${i === 0 && sign === '+' ? '' : `${sign} `}${magnitude} x${t.variable}`;
    })
    .join(' ');
}

/** Rows of the LP text for one constraint: one for an equation or a one-sided bound, two for a range. */
function rows(constraint: Constraint, index: number): string[] {
  const lhs = expression(constraint.terms);
  const { lower, upper } = constraint;
  if (lower === upper) return [` c${index}: ${lhs} = ${num(lower)}`];
  const out: string[] = [];
  if (Number.isFinite(lower)) out.push(` c${index}l: ${lhs} >= ${num(lower)}`);
  if (Number.isFinite(upper)) out.push(` c${index}u: ${lhs} <= ${num(upper)}`);
  return out;
}

function bound(variable: Variable, index: number): string {
  const name = `x${index}`;
  const lower = Number.isFinite(variable.lower) ? num(variable.lower) : '-inf';
  const upper = Number.isFinite(variable.upper) ? num(variable.upper) : '+inf';
  return ` ${lower} <= ${name} <= ${upper}`;
}

/** The program in CPLEX LP format. */
export function toLpText(program: LinearProgram): string {
  const lines = [program.sense === 'maximize' ? 'Maximize' : 'Minimize', ` obj: ${expression(program.objective)}`, 'Subject To'];
  program.constraints.forEach((c, i) => lines.push(...rows(c, i)));
  lines.push('Bounds');
  program.variables.forEach((v, i) => lines.push(bound(v, i)));
  const integers = program.variables.flatMap((v, i) => (v.integer ? [`x${i}`] : []));
  if (integers.length > 0) lines.push('Generals', ` ${integers.join(' ')}`);
  lines.push('End');
  return lines.join('\n');
}
