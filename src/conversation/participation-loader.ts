import type { ConsultationView } from '../domain/consultation';
import type { ConsultationResults } from '../domain/consultation-results';
import type { IdeaBoard } from '../domain/idea';
import type { Participation } from '../domain/participation';
import { tallyConsultation } from '../results/tally';
import type { Store } from '../store/store';
import { once } from './once';
import { waitingInvitations } from '../draws/invitations';

/** Closed consultations whose results a person can ask for in chat, at most: the recent ones. */
const RESULTS_SHOWN = 3;

/**
 * What the assembly offers a person, read lazily from the store: each part is queried the first
 * time a flow asks for it in this turn, then kept for the rest of the turn.
 */
export function loadParticipation(store: Store, personId: number, now: Date): Participation {
  return {
    ideaBoard: once((): IdeaBoard => {
      const openCall = store.ideas.openCall(now);
      const shown = openCall ?? store.ideas.currentOrLastCall(now);
      return { openCall, nextCall: openCall ? null : store.ideas.nextCall(now), published: shown ? store.ideas.published(shown.id, personId) : [] };
    }),
    openConsultations: once((): ConsultationView[] => {
      const ballots = store.consultations.ballotsOf(personId);
      // Past its closing time but not closed yet by the scheduler: already closed for residents.
      return store.consultations
        .open()
        .filter((c) => c.closesAt > now.toISOString())
        .map((c) => {
          const ballot = ballots.get(c.id);
          return { ...c, myBallot: ballot ? { answers: ballot.answers, castAt: ballot.castAt } : null };
        });
    }),
    resultsForMe: once((): ConsultationResults[] =>
      store.consultations
        .participatedIn(personId)
        .slice(0, RESULTS_SHOWN * 2)
        .flatMap((id) => {
          const consultation = store.consultations.find(id);
          return consultation?.status === 'closed' ? [tallyConsultation(consultation, store.consultations.answers(id))] : [];
        })
        .slice(0, RESULTS_SHOWN),
    ),
    drawInvitations: once(() => waitingInvitations(store, personId, now)),
    drawSeats: once(() =>
      store.draws.seatsOf(personId).flatMap((seat) => {
        const draw = store.draws.find(seat.drawId);
        return draw ? [{ drawId: draw.id, name: draw.definition.name, pseudonym: seat.pseudonym, status: seat.status, invitedAt: seat.invitedAt }] : [];
      }),
    ),
  };
}
