import type { ConsultationParticipation } from '../domain/agent-desk';
import { tallyConsultation } from '../results/tally';
import type { Store } from '../store/store';

/**
 * Participation in the consultations open now, closing soonest first: ballots, people invited,
 * and how many answered each question; counts only, never anyone's answers. The agent desk in
 * chat and the back-office show the same figures.
 */
export function openConsultationsParticipation(store: Store, now: Date): ConsultationParticipation[] {
  return (
    store.consultations
      .open()
      // Past its closing time but not closed yet by the scheduler: closed for residents already.
      .filter((c) => c.closesAt > now.toISOString())
      .map((c) => {
        // The tally reads ballots, and only its counts leave this function.
        const results = tallyConsultation(c, store.consultations.answers(c.id));
        return {
          id: c.id,
          title: c.title,
          closesAt: c.closesAt,
          ballots: results.ballots,
          invited: results.invited,
          questions: results.questions.map((q) => ({ text: q.question.text, answered: q.answered })),
        };
      })
  );
}
