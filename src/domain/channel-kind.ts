/**
 * The messaging networks a contact point can live on. Persisted as-is in `contact_point.channel`,
 * so these strings never change without a migration.
 */
export const CHANNEL_KINDS = ['console', 'telegram', 'matrix', 'sms'] as const;

/** One of the messaging networks Parlons speaks on. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Tells whether a string names a known channel. */
export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === 'string' && (CHANNEL_KINDS as readonly string[]).includes(value);
}
