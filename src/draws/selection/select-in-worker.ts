import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../lib/project-root';
import type { Selection } from './select-panels';
import type { SelectionProblem } from './selection-problem';

/**
 * The compiled worker: beside this file in the build; from the sources (the tests run them through
 * a transform, and a worker thread cannot), the build's copy.
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'selection-worker.js');
  return fs.existsSync(beside) ? beside : path.join(projectRoot(), 'dist', 'src', 'draws', 'selection', 'selection-worker.js');
}

/**
 * selectPanels in a worker thread, so that a process serving chats and web pages goes on
 * answering while a draw is computed (a minute on a pool of 1,000, more on larger ones). The
 * worker does not keep a stopping process alive: a computation cut short has written nothing.
 */
export function selectInWorker(problem: SelectionProblem): Promise<Selection> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript());
    worker.unref();
    worker.once('message', (answer: { selection?: Selection; error?: string }) => {
      if (answer.selection) resolve(answer.selection);
      else reject(new Error(`the draw's computation failed: ${answer.error ?? 'no answer'}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the draw's computation stopped (exit code ${code})`)));
    worker.postMessage(problem);
  });
}
