import { AutomaticReplacements } from '../../src/draws/automatic-replacements';
import { runDrawSchedule } from '../../src/draws/draw-schedule';
import { loadSolver } from '../../src/draws/selection/highs-solver';
import { selectPanels, type Selection } from '../../src/draws/selection/select-panels';
import type { SelectionProblem } from '../../src/draws/selection/selection-problem';
import { silentLogger, type Logger } from '../../src/lib/logger';
import { preparedDraw } from '../support/draw-fixtures';
import { eachTestApp } from '../support/test-app';
import { addDrawPool } from '../support/web-fixtures';

/**
 * The scheduler's replacements for seats freed at the end of their delay: computed apart from
 * the scheduler (in a worker thread in production), so that serving goes on; one that failed or
 * was overtaken by an answer is started again at the next run, from what the database says; one
 * whose quotas cannot be met is logged once and waits for an agent.
 */
const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });
const DAY = 86_400_000;
const NO_PANEL: Selection = { ok: false, explanation: { poolTooSmall: true, alone: [], conflicts: [], relaxation: [] } };

/** A logger that keeps the events logged. */
function recordingLogger(): Logger & { readonly events: string[] } {
  const events: string[] = [];
  const keep = (event: string) => void events.push(event);
  return { ...silentLogger, events, info: keep, warn: keep, error: keep };
}

/** The example draw run; its first seat gets no answer until its delay ends (the scheduler's expiry only), the others accept. */
async function firstSeatFreedByDelay(): Promise<number> {
  addDrawPool(bot.app);
  const draw = await preparedDraw(bot.app, { seed: '12 25 31 40 47' });
  const [, ...others] = bot.app.store.draws.seats(draw.id);
  for (const seat of others) bot.app.store.draws.answer(seat.id, 'accepted', bot.clock.now());
  bot.clock.advance(7 * DAY + 60_000);
  expect(runDrawSchedule({ store: bot.app.store, conversations: bot.app.conversations, logger: silentLogger }, bot.clock.now()).expired).toBe(1);
  return draw.id;
}

/** Replacements computed in this thread by `select`, logging to `logger`. */
function replacementsWith(select: (problem: SelectionProblem) => Promise<Selection>, logger: Logger = silentLogger): AutomaticReplacements {
  return new AutomaticReplacements({ store: bot.app.store, conversations: bot.app.conversations, logger, clock: bot.clock, select });
}

let solver: Awaited<ReturnType<typeof loadSolver>>;
beforeAll(async () => {
  solver = await loadSolver();
});
const inThisThread = async (problem: SelectionProblem) => selectPanels(solver, problem);

test('a scheduler run frees the seat and draws its replacement in a worker thread, within the quotas; the next run has nothing to do', async () => {
  addDrawPool(bot.app);
  const draw = await preparedDraw(bot.app, { seed: '12 25 31 40 47' });
  const [silent, ...others] = bot.app.store.draws.seats(draw.id);
  for (const seat of others) bot.app.store.draws.answer(seat.id, 'accepted', bot.clock.now());
  bot.clock.advance(7 * DAY + 60_000);
  const run = bot.app.runScheduler(bot.clock.now());
  expect(run.draws).toEqual({ reminded: 0, expired: 1 });
  expect(await run.replacing).toBe(1);
  expect(bot.app.store.draws.seat(silent?.id ?? -1)?.status).toBe('expired');
  const [round] = bot.app.store.draws.rounds(draw.id);
  expect(round).toMatchObject({ round: 1, freed: [silent?.pseudonym], relaxed: false });
  expect(await bot.app.runScheduler(bot.clock.now()).replacing).toBe(0);
  expect(bot.app.store.draws.rounds(draw.id)).toHaveLength(1);
});

test('a computation that failed is started again at the next run', async () => {
  const drawId = await firstSeatFreedByDelay();
  const logger = recordingLogger();
  let attempts = 0;
  const replacements = replacementsWith(async (problem) => {
    attempts += 1;
    if (attempts === 1) throw new Error('the worker stopped');
    return inThisThread(problem);
  }, logger);
  expect(await replacements.start()).toBe(0);
  expect(logger.events).toEqual(['draw_replacement_failed']);
  expect(bot.app.store.draws.rounds(drawId)).toEqual([]);
  expect(await replacements.start()).toBe(1);
  expect(bot.app.store.draws.rounds(drawId)).toHaveLength(1);
  expect(await replacements.start()).toBe(0);
  expect(attempts).toBe(2);
});

test('an answer that came in during the computation: nothing is recorded, and the next run draws for every seat free then', async () => {
  const drawId = await firstSeatFreedByDelay();
  const [, accepted] = bot.app.store.draws.seats(drawId);
  let attempts = 0;
  const replacements = replacementsWith(async (problem) => {
    attempts += 1;
    // Meanwhile, someone who had accepted withdraws (as an agent would record it).
    if (attempts === 1) bot.app.store.db.prepare("UPDATE draw_seat SET status = 'declined' WHERE id = ?").run(accepted?.id ?? -1);
    return inThisThread(problem);
  });
  expect(await replacements.start()).toBe(0);
  expect(bot.app.store.draws.rounds(drawId)).toEqual([]);
  expect(await replacements.start()).toBe(2);
  expect(bot.app.store.draws.rounds(drawId)[0]?.panel).toHaveLength(2);
});

test('quotas the rest of the pool cannot meet: logged once, not computed again until more seats are freed', async () => {
  const drawId = await firstSeatFreedByDelay();
  const logger = recordingLogger();
  let attempts = 0;
  const replacements = replacementsWith(async () => {
    attempts += 1;
    return NO_PANEL;
  }, logger);
  expect(await replacements.start()).toBe(0);
  expect(await replacements.start()).toBe(0);
  expect(attempts).toBe(1);
  expect(logger.events).toEqual(['draw_replacement_impossible']);
  expect(bot.app.store.draws.rounds(drawId)).toEqual([]);
});
