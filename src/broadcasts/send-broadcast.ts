import type { AudienceFilter } from '../domain/audience';
import type { Language } from '../domain/language';
import { agentTextValue } from '../domain/text';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';

/** A notice to send: its audience, its text per language, and when. */
export interface BroadcastRequest {
  readonly audience: readonly AudienceFilter[];
  /** The text in each language given; the default language's is required. */
  readonly texts: Readonly<Partial<Record<Language, string>>>;
  readonly sendAt: Date;
}

/** Who a broadcast reaches: directly, by channel, and through mediators' digests. */
export interface BroadcastPlan {
  /** People it reaches directly, one message each. */
  readonly total: number;
  readonly byChannel: Record<string, number>;
  /** People without a reachable contact point whose mediators will read it to them (from their daily digest). */
  readonly viaMediators: number;
}

/** How many people, on which channel, an audience reaches now; and how many through their mediators. */
export function planBroadcast(store: Store, audience: readonly AudienceFilter[]): BroadcastPlan {
  const byChannel = store.broadcasts.countByChannel(audience);
  const total = Object.values(byChannel).reduce((sum, n) => sum + n, 0);
  return { total, byChannel, viaMediators: store.digest.mediated(store.broadcasts.withoutContact(audience)).length };
}

/**
 * Records a broadcast and queues one bulk message per recipient, all in one transaction: either
 * everyone is queued or no one is. The outbox then delivers them at `sendAt` (outside quiet
 * hours), within each channel's rates, after any reply. People of the audience without a
 * reachable contact point go in their mediators' first digest from `sendAt` on.
 */
export function sendBroadcast(store: Store, request: BroadcastRequest, now: Date): { id: number; recipients: number; viaMediators: number } {
  return inTransaction(store.db, () => {
    const id = store.broadcasts.create({ audience: request.audience, texts: request.texts, sendAt: request.sendAt.toISOString(), recipients: 0 }, now);
    // In the language the recipient reads when it leaves (they may change it meanwhile).
    const recipients = store.broadcasts.queue(id, request.audience, { parts: [agentTextValue(request.texts)] }, request.sendAt, now);
    const dueAt = request.sendAt > now ? request.sendAt : now;
    const viaMediators = store.digest.queue('notice', id, store.broadcasts.withoutContact(request.audience), dueAt);
    return { id, recipients, viaMediators };
  });
}
