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

/** Something that solves linear and integer programs. */
export interface Solver {
  solve(program: LinearProgram, method?: SolveMethod): SolveResult;
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
