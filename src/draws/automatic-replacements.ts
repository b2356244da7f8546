import type { ConversationService } from '../conversation/conversation-service';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Store } from '../store/store';
import { chooseSelection, planReplacement, recordReplacement, type SelectPanels } from './replace-seats';
import { selectInWorker } from './selection/select-in-worker';

/** What the scheduler's replacements need. */
export interface AutomaticReplacementDeps {
  readonly store: Store;
  readonly conversations: ConversationService;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Where the lottery is computed: a worker thread, unless a test says otherwise. */
  readonly select?: SelectPanels;
}

/**
 * The replacements the scheduler draws when seats are freed at the end of their delay (as
 * `draw replace` would, without relaxing quotas). The lottery is computed in a worker thread:
 * on a large pool it takes minutes, and a process serving chats must go on answering meanwhile
 * (and the solver's memory is not kept by the serving process). Which draws wait is read from
 * the database at each run, so a computation cut short (a stop, a crash, a locked database, an
 * answer that came in meanwhile) is started again at the next run; quotas the pool left cannot
 * meet are logged once, and wait for an agent.
 */
export class AutomaticReplacements {
  private readonly running = new Map<number, Promise<number>>();
  /** `draw:freedAt` of the replacements found impossible: tried again only when more seats are freed. */
  private readonly impossible = new Set<string>();
  private readonly select: SelectPanels;

  constructor(private readonly deps: AutomaticReplacementDeps) {
    this.select = deps.select ?? selectInWorker;
  }

  /**
   * Starts a computation for each draw whose freed seats wait for replacements and none runs
   * for; resolves, once those started now have ended, with how many people they invited.
   */
  start(): Promise<number> {
    const started: Promise<number>[] = [];
    for (const { drawId, freedAt } of this.deps.store.draws.freedByDelay()) {
      const key = `${drawId}:${freedAt}`;
      if (this.running.has(drawId) || this.impossible.has(key)) continue;
      const computation = this.replace(drawId, key).finally(() => this.running.delete(drawId));
      this.running.set(drawId, computation);
      started.push(computation);
    }
    return Promise.all(started).then((invited) => invited.reduce((sum, n) => sum + n, 0));
  }

  /** Resolves when every computation under way has ended (before a one-off run exits, in tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Plans, computes and records one draw's replacements; never rejects: a failure is logged and waits for the next run. */
  private async replace(drawId: number, key: string): Promise<number> {
    const { store, conversations, logger, clock } = this.deps;
    try {
      const draw = store.draws.find(drawId);
      const plan = draw ? planReplacement(store, draw) : null;
      if (plan === null || 'ok' in plan) {
        this.impossible.add(key);
        return 0;
      }
      const chosen = await chooseSelection(plan, this.select, false);
      const result = recordReplacement({ store, conversations }, plan, chosen, clock.now());
      if (result.ok) {
        const invited = result.round?.panel.length ?? 0;
        logger.info('draw_replaced', { draw: drawId, round: result.round?.round ?? null, invited });
        return invited;
      }
      // `changed`: an answer came in during the computation; the next run draws for the seats free then.
      if (result.reason !== 'changed') {
        this.impossible.add(key);
        logger.warn('draw_replacement_impossible', { draw: drawId, reason: result.reason });
      }
    } catch (error) {
      logger.error('draw_replacement_failed', { draw: drawId, error: (error as Error).message });
    }
    return 0;
  }
}
