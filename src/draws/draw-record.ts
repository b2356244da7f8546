import type { DrawRecord } from '../store/draws-repo';
import type { Store } from '../store/store';
import { recordDigest, type PublicRecord, type SeatStatus } from './record/public-record';

/**
 * The public record of a draw, as `draw export` writes it and a web page offers it: the prepared
 * part and its commitment, the seed and the panel, the replacement rounds, each pseudonym's
 * answer, and a digest of all of it. No name, no contact point, no id.
 */
export function publicRecordOf(store: Store, draw: DrawRecord): PublicRecord {
  const answers: Record<string, SeatStatus> = {};
  for (const seat of store.draws.seats(draw.id)) answers[seat.pseudonym] = seat.status;
  const record = {
    commitment: draw.commitment,
    prepared: draw.prepared,
    drawn: draw.outcome && draw.drawnAt ? { ...draw.outcome, at: draw.drawnAt } : null,
    replacements: store.draws.rounds(draw.id),
    answers,
  };
  return { ...record, digest: recordDigest(record) };
}

/** The public record as the file `draw export` writes and the public page offers: indented JSON. */
export function publicRecordText(store: Store, draw: DrawRecord): string {
  return `${JSON.stringify(publicRecordOf(store, draw), null, 2)}\n`;
}
