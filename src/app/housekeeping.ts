import { FINISHED_MESSAGE_RETENTION_DAYS, INBOUND_ID_RETENTION_DAYS, UNDECRYPTABLE_RETENTION_DAYS } from '../domain/retention';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';
import { SESSION_IDLE_MS } from '../web-access/web-sessions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forgets what is no longer needed (data minimisation); returns how many rows went. */
export function runHousekeeping(store: Store, now: Date): { inboundIds: number; messages: number; matrixRooms: number; digestItems: number; undecryptable: number; webAccess: number } {
  const finishedBefore = new Date(now.getTime() - FINISHED_MESSAGE_RETENTION_DAYS * DAY_MS);
  return inTransaction(store.db, () => ({
    inboundIds: store.conversations.pruneProcessed(new Date(now.getTime() - INBOUND_ID_RETENTION_DAYS * DAY_MS)),
    messages: store.outbox.pruneFinished(finishedBefore),
    matrixRooms: store.matrix.forgetErased(),
    // What went into a mediator's digest is kept as long as the digest message itself.
    digestItems: store.digest.pruneDigested(finishedBefore),
    undecryptable: store.matrixCrypto.pruneWaiting(new Date(now.getTime() - UNDECRYPTABLE_RETENTION_DAYS * DAY_MS)),
    webAccess: store.webAccess.prune(new Date(now.getTime() - SESSION_IDLE_MS), now),
  }));
}
