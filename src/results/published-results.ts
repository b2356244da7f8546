import type { ConsultationResults } from '../domain/consultation-results';
import type { Store } from '../store/store';
import { SMALLEST_PUBLISHED_CELL } from '../reporting/volunteer-breakdowns';
import { tallyConsultation } from './tally';

/** What the public may see of a consultation's results. */
export type PublishedResults =
  /** Counted and shown, comments' texts left out (they are counted). */
  | { readonly kind: 'results'; readonly results: ConsultationResults }
  /** Closed with too few ballots to show answers without revealing someone's: participation only. */
  | { readonly kind: 'too_few'; readonly ballots: number; readonly invited: number | null }
  /** Not closed yet: nothing is published while people can still answer. */
  | { readonly kind: 'not_closed' }
  | { readonly kind: 'not_found' };

/**
 * The results of a consultation for the public pages and open data: only once it is closed, only
 * with at least five ballots (with fewer, a count could give away how someone answered), and
 * without the comments' texts, which may name people.
 */
export function publishedResults(store: Store, id: number): PublishedResults {
  const consultation = store.consultations.find(id);
  if (!consultation) return { kind: 'not_found' };
  if (consultation.status !== 'closed') return { kind: 'not_closed' };
  const results = tallyConsultation(consultation, store.consultations.answers(id));
  if (results.ballots < SMALLEST_PUBLISHED_CELL) return { kind: 'too_few', ballots: results.ballots, invited: results.invited };
  return {
    kind: 'results',
    results: { ...results, questions: results.questions.map((q) => (q.kind === 'comments' ? { ...q, comments: [] } : q)) },
  };
}
