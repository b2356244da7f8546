import { randomBytes } from 'node:crypto';
import type { App } from '../app/create-app';
import type { PrepareResult } from '../draws/prepare-draw';
import type { ReplaceResult } from '../draws/replace-seats';

/** What a computation ended with: a draw prepared (or why not), a replacement round (or why not). */
export type DrawJobResult = { readonly kind: 'prepare'; readonly result: PrepareResult } | { readonly kind: 'replace'; readonly result: ReplaceResult };

/** A draw's computation asked for from the back-office, running in a worker thread. */
export interface DrawJob {
  readonly id: string;
  readonly kind: DrawJobResult['kind'];
  /** The draw a replacement is for; null for a draw being prepared. */
  readonly drawId: number | null;
  readonly startedAt: string;
  /** People drawn among, and seats to fill. */
  readonly people: number;
  readonly seats: number;
  /** Null while it runs. */
  outcome: { readonly done: DrawJobResult } | { readonly failed: string } | null;
}

/** How long a finished computation's outcome can be looked at. */
const KEPT_MS = 24 * 3_600_000;

/**
 * The draws' computations of one process: one at a time (each takes a core for a minute or more
 * on a large pool, and the machine also serves the chats), looked up by a random id. Kept in
 * memory only: a process stopped meanwhile has written nothing, and the agent asks again.
 */
export class DrawJobs {
  private readonly jobs = new Map<string, DrawJob>();

  /** The computation under way, if any. */
  running(): DrawJob | null {
    return [...this.jobs.values()].find((job) => job.outcome === null) ?? null;
  }

  find(id: string): DrawJob | null {
    return this.jobs.get(id) ?? null;
  }

  /** Starts `work`; null when another computation is under way. `log` hears of a failure. */
  start(job: Omit<DrawJob, 'id' | 'outcome'>, work: () => Promise<DrawJobResult>, log: (error: string) => void, now: Date): DrawJob | null {
    if (this.running()) return null;
    for (const [id, old] of this.jobs) if (Date.parse(old.startedAt) < now.getTime() - KEPT_MS) this.jobs.delete(id);
    const started: DrawJob = { ...job, id: randomBytes(12).toString('base64url'), outcome: null };
    this.jobs.set(started.id, started);
    work().then(
      (done) => (started.outcome = { done }),
      (error: unknown) => {
        started.outcome = { failed: (error as Error).message };
        log(started.outcome.failed);
      },
    );
    return started;
  }
}

const registries = new WeakMap<App, DrawJobs>();

/** The computations of `app`'s process (one registry per app). */
export function drawJobsOf(app: App): DrawJobs {
  let jobs = registries.get(app);
  if (!jobs) {
    jobs = new DrawJobs();
    registries.set(app, jobs);
  }
  return jobs;
}
