import { loadSolver } from '../src/draws/selection/highs-solver';
import { leximin } from '../src/draws/selection/leximin';
import { groupPeople } from '../src/draws/selection/selection-problem';
import type { LinearProgram, SolveMethod } from '../src/draws/selection/linear-program';
import { seededRandom } from '../src/lib/seeded-random';
async function main() {
  const solver = await loadSolver();
  const random = seededRandom(1);
  const counts = (process.env.COUNTS ?? "3,6,10,15").split(",").map(Number);
  const n = Number(process.argv[2] ?? 10000);
  const k = Number(process.argv[3] ?? 100);
  const skew = (k: number) => Math.min(k - 1, Math.floor(random() ** 1.5 * k));
  const people = Array.from({ length: n }, () => counts.map(skew));
  const { groupValues, groupSizes } = groupPeople(people);
  const panel = k;
  const quotas = counts.map((k) => Array.from({ length: k }, () => { const t = panel / k; return { min: Math.floor(t * 0.7), max: Math.ceil(t * 1.3) }; }));
  console.log('groups', groupSizes.length);
  const problem = { groupValues, groupSizes, quotas, panelSize: panel };
  let calls = 0; let created = 0; const ms: Record<string, number> = {};
  const timed = { description: "probe", createModel: (s: "maximize" | "minimize") => { const m = solver.createModel(s); const kind = s + (created++); const orig = m.solve.bind(m); m.solve = (meth?: SolveMethod) => { const t = Date.now(); calls++; const r = orig(meth); const k = kind + (meth ?? 'vertex'); ms[k] = (ms[k] ?? 0) + Date.now() - t; if (calls % 500 === 0) console.log(calls, JSON.stringify(ms), r.objective); return r; }; return m; }, solve: (p: LinearProgram, m?: SolveMethod) => { const t = Date.now(); calls++; const r = solver.solve(p, m); const kind = p.variables.some((v) => v.integer) ? 'mip' : (m ?? 'vertex'); ms[kind] = (ms[kind] ?? 0) + Date.now() - t; if (calls % 20 === 0) console.log(calls, JSON.stringify(ms)); return r; } };
  const t0 = Date.now();
  const r = leximin(timed, problem);
  console.log('leximin ms', Date.now() - t0, 'stages', r.stages, 'panels', r.panelsGenerated, 'calls', calls, JSON.stringify(ms), 'min', Math.min(...r.probabilities), 'max', Math.max(...r.probabilities), 'dist', r.distribution.panels.length);
}
void main();
