import type { BallotAnswers } from '../domain/consultation';
import type { Store } from '../store/store';

/**
 * Records a person's ballot (replacing their previous one). The flow checks that the
 * consultation is open within the same transaction, so a closed one here is a bug: it throws
 * and the whole message is rolled back rather than a ballot slipping in after closing.
 */
export function castBallot(store: Store, personId: number, consultationId: number, answers: BallotAnswers, now: Date): void {
  const consultation = store.consultations.find(consultationId);
  if (!consultation || consultation.status !== 'open' || consultation.closesAt <= now.toISOString()) {
    throw new Error(`ballot for consultation ${consultationId}, which is not open`);
  }
  store.consultations.cast(consultationId, personId, answers, now);
  store.stats.increment('ballot_cast', now);
}
