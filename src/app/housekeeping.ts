import { FINISHED_MESSAGE_RETENTION_DAYS, INBOUND_ID_RETENTION_DAYS } from '../domain/retention';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forgets what is no longer needed (data minimisation); returns how many rows went. */
export function runHousekeeping(store: Store, now: Date): { inboundIds: number; messages: number; matrixRooms: number } {
  return inTransaction(store.db, () => ({
    inboundIds: store.conversations.pruneProcessed(new Date(now.getTime() - INBOUND_ID_RETENTION_DAYS * DAY_MS)),
    messages: store.outbox.pruneFinished(new Date(now.getTime() - FINISHED_MESSAGE_RETENTION_DAYS * DAY_MS)),
    matrixRooms: store.matrix.forgetErased(),
  }));
}
