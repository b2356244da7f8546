import { parentPort } from 'node:worker_threads';
import { loadSolver } from './highs-solver';
import { selectPanels } from './select-panels';
import type { SelectionProblem } from './selection-problem';

/**
 * A worker thread's entry (see selectInWorker): computes one selection and posts it back, or
 * the error that stopped it. The solver is loaded in the worker: WebAssembly instances are not
 * shared between threads.
 */
parentPort?.once('message', (problem: SelectionProblem) => {
  loadSolver()
    .then((solver) => parentPort?.postMessage({ selection: selectPanels(solver, problem) }))
    .catch((error: unknown) => parentPort?.postMessage({ error: (error as Error).message }));
});
