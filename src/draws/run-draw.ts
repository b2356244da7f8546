import type { ConversationService } from '../conversation/conversation-service';
import type { DrawDefinition } from '../domain/draw';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';
import { inviteSeat, type Delivery } from './invitations';
import { drawFromLottery, type DrawOutcome } from './record/lottery';
import { normalizeSeed } from './record/seed';

/** How many invitations went straight to people, through mediators, or nowhere. */
export type Deliveries = Readonly<Record<Delivery, number>>;

/** What `draw run` did, or why not. */
export type RunResult =
  | { readonly ok: true; readonly outcome: DrawOutcome; readonly dryRun: boolean; readonly deliveries: Deliveries }
  | { readonly ok: false; readonly reason: 'not_found' | 'already_drawn' | 'empty_seed' };

/** Where a new seat's reminder and deadline fall: the file's delay, the reminder two days before its end (half-way for a shorter delay). */
export function seatTimes(definition: DrawDefinition, now: Date): { remindAt: Date; answerBy: Date } {
  const delay = definition.answerWithinMinutes * 60_000;
  const answerBy = new Date(now.getTime() + delay);
  return { answerBy, remindAt: new Date(answerBy.getTime() - Math.min(2 * 86_400_000, delay / 2)) };
}

/** Invites the people of the seats just added for a round, and counts how each was reached. */
export function inviteRound(store: Store, conversations: ConversationService, drawId: number, round: number, now: Date): Deliveries {
  const counts: Record<Delivery, number> = { direct: 0, mediator: 0, unreachable: 0 };
  for (const seat of store.draws.seats(drawId).filter((s) => s.round === round)) counts[inviteSeat(store, conversations, seat, now, false)] += 1;
  return counts;
}

/**
 * `draw run`: the published seed picks the panel from the frozen distribution; unless it is a dry
 * run, the draw is recorded with its seed and each person drawn is invited, in one transaction.
 */
export function runDraw(store: Store, conversations: ConversationService, drawId: number, seedText: string, now: Date, dryRun: boolean): RunResult {
  const seed = normalizeSeed(seedText);
  if (seed === '') return { ok: false, reason: 'empty_seed' };
  const draw = store.draws.find(drawId);
  if (!draw) return { ok: false, reason: 'not_found' };
  if (draw.status !== 'prepared') return { ok: false, reason: 'already_drawn' };
  const outcome = drawFromLottery(draw.prepared, seed);
  if (dryRun) return { ok: true, outcome, dryRun, deliveries: { direct: 0, mediator: 0, unreachable: 0 } };
  const deliveries = inTransaction(store.db, () => {
    store.draws.markDrawn(draw.id, outcome, now);
    const { remindAt, answerBy } = seatTimes(draw.definition, now);
    store.draws.addSeats(draw.id, 0, outcome.panel, remindAt, answerBy, now);
    return inviteRound(store, conversations, draw.id, 0, now);
  });
  return { ok: true, outcome, dryRun, deliveries };
}
