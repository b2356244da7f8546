/**
 * What a mediator's daily digest tells about a person they support who cannot be reached
 * directly. Persisted in `mediator_digest_item.kind`; `ref_id` is the session, consultation,
 * broadcast, idea or draw it is about.
 */
export const DIGEST_ITEM_KINDS = ['session_reminder', 'session_cancelled', 'consultation_opened', 'notice', 'idea_decision', 'draw_invitation'] as const;
/** A digest item kind. */
export type DigestItemKind = (typeof DIGEST_ITEM_KINDS)[number];

/** One thing waiting for a mediator's digest. */
export interface DigestItem {
  readonly id: number;
  readonly mediatorId: number;
  readonly personId: number;
  readonly kind: DigestItemKind;
  readonly refId: number;
  /** When it became news (ISO). */
  readonly dueAt: string;
}
