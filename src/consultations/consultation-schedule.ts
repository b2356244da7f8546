import type { AudienceFilter } from '../domain/audience';
import type { ConsultationAudience } from '../domain/consultation';
import { text } from '../domain/text';
import type { ConversationService } from '../conversation/conversation-service';
import type { Logger } from '../lib/logger';
import { inTransaction, noteErasure } from '../store/database';
import type { ConversationState } from '../flows/engine/conversation-state';
import { withoutBallotDraft } from './ballot-drafts';
import type { Store } from '../store/store';

/** Who is notified when a consultation opens: the store's reading of its audience. */
export function audienceFilters(audience: ConsultationAudience): AudienceFilter[] {
  return [{ kind: audience }];
}

/** What opening and closing did. */
export interface ConsultationRun {
  readonly opened: number;
  readonly closed: number;
  /** Invitations queued. */
  readonly messages: number;
}

/**
 * Opens a consultation now: marks it open and invites everyone it is for (not opted out, on a
 * reachable contact point) with a question that interrupts their conversation; the invitations
 * are bulk messages, so the outbox holds them during quiet hours. People it is for who cannot be
 * reached (registered by a mediator) are put in their mediators' next digest, and count as
 * invited (the participation rate's denominator). One transaction: everyone is invited or no
 * one. Returns the number invited directly (messages queued).
 */
export function openConsultation(store: Store, conversations: ConversationService, id: number, now: Date): number {
  return inTransaction(store.db, () => {
    const consultation = store.consultations.find(id);
    if (!consultation || consultation.status !== 'scheduled') return 0;
    // Open first: the invitation's flow checks that the consultation is open.
    store.consultations.markOpened(id, now);
    const audience = audienceFilters(consultation.audience);
    const invited = store.broadcasts.recipients(audience).filter((r) =>
      conversations.interrupt(r.contactId, 'consultation_invitation', { consultation_id: id }, now, [text('consultations:invitation')]),
    ).length;
    const viaMediators = store.digest.queue('consultation_opened', id, store.broadcasts.withoutContact(audience), now);
    store.consultations.recordInvited(id, invited + viaMediators);
    return invited;
  });
}

/**
 * Closes a consultation now, and keeps its ballots secret: they become anonymous (see
 * ConsultationsRepo.close), every outbox row that showed one (a summary, a receipt, an answer
 * read back) loses its content, and unconfirmed answers in conversations under way are dropped.
 * The database files are then rid of them too (the transaction notes an erasure). One
 * transaction: all of it, or none.
 */
export function closeConsultation(store: Store, id: number, now: Date): void {
  inTransaction(store.db, () => {
    store.consultations.close(id, now);
    store.outbox.redactBallots(id, now);
    const drop = (state: ConversationState) => withoutBallotDraft(state, id);
    const drafts = store.conversations.rewriteStates('"ballot"', drop) + store.mediation.rewriteActingStates('"ballot"', drop);
    if (drafts > 0) noteErasure(store.db);
  });
}

/**
 * Opens the consultations whose time has come and closes those that are over, each in its own
 * transaction; one failure is logged and does not stop the others.
 */
export function runConsultationSchedule(store: Store, conversations: ConversationService, logger: Logger, now: Date): ConsultationRun {
  let opened = 0;
  let closed = 0;
  let messages = 0;
  for (const consultation of store.consultations.dueToOpen(now)) {
    try {
      const invited = openConsultation(store, conversations, consultation.id, now);
      opened += 1;
      messages += invited;
      logger.info('consultation_opened', { consultation: consultation.id, invited });
    } catch (error) {
      logger.error('consultation_open_failed', { consultation: consultation.id, error: (error as Error).message });
    }
  }
  for (const consultation of store.consultations.dueToClose(now)) {
    try {
      closeConsultation(store, consultation.id, now);
      closed += 1;
      logger.info('consultation_closed', { consultation: consultation.id });
    } catch (error) {
      logger.error('consultation_close_failed', { consultation: consultation.id, error: (error as Error).message });
    }
  }
  return { opened, closed, messages };
}
