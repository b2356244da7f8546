/**
 * How long Parlons keeps what it no longer needs (data minimisation). Said to residents in
 * MES DONNÉES and applied at every start (see `app/housekeeping.ts`).
 */

/** Ids of processed inbound messages: channels redeliver within hours, never after a month. */
export const INBOUND_ID_RETENTION_DAYS = 30;

/** Sent, failed and cancelled messages, so agents can answer "did I get the reminder?". */
export const FINISHED_MESSAGE_RETENTION_DAYS = 90;

/**
 * An end-to-end encrypted Matrix message whose key never came (ciphertext only): the person was
 * asked to send it again long before; a key that comes later than this is not waited for.
 */
export const UNDECRYPTABLE_RETENTION_DAYS = 7;
