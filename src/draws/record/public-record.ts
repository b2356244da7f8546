import { z } from 'zod';
import { commitmentOf, type Json } from './canonical-json';
import type { DrawOutcome, Lottery } from './lottery';

/** The format name written in every record: verify refuses another. */
export const RECORD_FORMAT = 'parlons-draw/1';

/** Where an invited person's seat stands. Persisted (draw_seat.status) and published. */
export const SEAT_STATUSES = ['waiting', 'accepted', 'declined', 'expired'] as const;
/** A seat status. */
export type SeatStatus = (typeof SEAT_STATUSES)[number];

/** What is frozen at `prepare` and committed to: everything a seed will draw from, and how it was computed. */
export interface PreparedDraw extends Lottery {
  readonly format: typeof RECORD_FORMAT;
  readonly draw: {
    readonly id: number;
    readonly name: Readonly<Record<string, string>>;
    readonly city: string;
    readonly prepared_at: string;
    /** The public random source named in advance (a lottery's numbers on a given date…). */
    readonly seed_source: string;
  };
  readonly method: {
    readonly algorithm: 'leximin';
    readonly solver: string;
    /** How far a recomputed probability may be from the published one. */
    readonly tolerance: number;
  };
}

/** A replacement round: a lottery of its own over the people not yet invited, for the seats freed. */
export interface ReplacementRound extends Lottery, DrawOutcome {
  readonly round: number;
  readonly at: string;
  /** Pseudonyms holding a seat (accepted or waiting) when the round was drawn. */
  readonly held: readonly string[];
  /** Pseudonyms whose seat was freed (declined, or no answer in time). */
  readonly freed: readonly string[];
  /** True when an agent loosened the quotas left (else they follow from the draw's and `held`). */
  readonly relaxed: boolean;
  /** SHA-256 of the round's canonical JSON (without this field), printed when it is drawn. */
  readonly commitment: string;
}

/** The public record of a draw: what `draw export` writes and `draw verify` reads. */
export interface PublicRecord {
  readonly commitment: string;
  readonly prepared: PreparedDraw;
  readonly drawn: (DrawOutcome & { readonly at: string }) | null;
  readonly replacements: readonly ReplacementRound[];
  /** Each invited pseudonym's answer so far. */
  readonly answers: Readonly<Record<string, SeatStatus>>;
  /** SHA-256 of the whole record's canonical JSON (without this field): any change to a value shows. */
  readonly digest: string;
}

/** The commitment of a replacement round: SHA-256 of its canonical JSON without its `commitment`. */
export function roundCommitment(round: Omit<ReplacementRound, 'commitment'> & { readonly commitment?: string }): string {
  const { commitment: _ignored, ...content } = round;
  return commitmentOf(content as unknown as Json);
}

/** The digest of a record: SHA-256 of its canonical JSON without its `digest`. */
export function recordDigest(record: Omit<PublicRecord, 'digest'> & { readonly digest?: string }): string {
  const { digest: _ignored, ...content } = record;
  return commitmentOf(content as unknown as Json);
}

const count = z.number().int().min(0);
const probability = z.number().min(0).max(1 + 1e-9);
const lottery = {
  panel_size: count,
  categories: z.array(z.object({ field: z.string(), values: z.array(z.object({ value: z.string(), min: count, max: count })) })),
  pool: z.array(z.object({ pseudonym: z.string(), values: z.array(z.string()), probability })),
  distribution: z.array(z.object({ probability, panel: z.record(z.string(), count) })),
};
const outcome = { seed: z.string(), uniform: z.number().min(0).max(1), panel_index: count, panel: z.array(z.string()) };

/** The shape of a public record; `draw verify` reads files with it. */
export const publicRecordSchema = z.object({
  commitment: z.string().regex(/^[0-9a-f]{64}$/),
  prepared: z.object({
    format: z.literal(RECORD_FORMAT),
    draw: z.object({ id: count, name: z.record(z.string(), z.string()), city: z.string(), prepared_at: z.string(), seed_source: z.string() }),
    method: z.object({ algorithm: z.literal('leximin'), solver: z.string(), tolerance: z.number().positive() }),
    ...lottery,
  }),
  drawn: z.object({ ...outcome, at: z.string() }).nullable(),
  replacements: z.array(z.object({ ...lottery, ...outcome, round: z.number().int().min(1), at: z.string(), held: z.array(z.string()), freed: z.array(z.string()), relaxed: z.boolean(), commitment: z.string() })),
  answers: z.record(z.string(), z.enum(SEAT_STATUSES)),
  digest: z.string(),
});
