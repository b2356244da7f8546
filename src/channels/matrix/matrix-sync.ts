/** A room event as /sync returns it (only the fields Parlons reads). */
export interface MatrixEvent {
  readonly type: string;
  readonly sender: string;
  readonly event_id?: string;
  readonly state_key?: string;
  readonly content: Readonly<Record<string, unknown>>;
}

/** A joined room in a /sync answer. */
interface JoinedRoom {
  readonly timeline?: { readonly events?: readonly MatrixEvent[]; readonly limited?: boolean };
  /** State changes not in the timeline (when it is `limited`). */
  readonly state?: { readonly events?: readonly MatrixEvent[] };
}

/** The parts of a /sync answer Parlons reads. https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync */
export interface SyncResponse {
  readonly next_batch: string;
  readonly rooms?: {
    readonly join?: Readonly<Record<string, JoinedRoom>>;
    readonly invite?: Readonly<Record<string, { readonly invite_state?: { readonly events?: readonly MatrixEvent[] } }>>;
  };
  // End-to-end encryption: https://spec.matrix.org/v1.11/client-server-api/#extensions-to-sync-2
  readonly to_device?: { readonly events?: readonly unknown[] };
  readonly device_lists?: { readonly changed?: readonly string[]; readonly left?: readonly string[] };
  readonly device_one_time_keys_count?: Readonly<Record<string, number>>;
  readonly device_unused_fallback_key_types?: readonly string[];
}

/** What a sync means for Parlons, in the order to handle it. */
export type SyncItem =
  /** The bot was invited to a room; `encrypted` when its invite state says so. */
  | { readonly kind: 'invite'; readonly roomId: string; readonly inviter: string; readonly eventId: string | null; readonly encrypted: boolean }
  /** Someone wrote in a joined room; `text` is empty for what is not text (an image). */
  | { readonly kind: 'message'; readonly roomId: string; readonly sender: string; readonly eventId: string; readonly text: string }
  /** Someone else left a joined room. */
  | { readonly kind: 'left'; readonly roomId: string; readonly userId: string }
  /** Someone wrote an end-to-end encrypted event in a joined room (to decrypt, then read as a message). */
  | { readonly kind: 'encrypted'; readonly roomId: string; readonly sender: string; readonly eventId: string; readonly event: MatrixEvent }
  /** A joined room turned end-to-end encryption on (it cannot be turned off). */
  | { readonly kind: 'encryption'; readonly roomId: string; readonly eventId: string; readonly content: Readonly<Record<string, unknown>> };

/** Message types that carry what the person wrote; other messages (images, files) count as no text. */
const TEXT_TYPES = new Set(['m.text', 'm.emote']);

/**
 * A filter sent with every /sync (inline, so no filter id needs keeping): only room messages
 * (encrypted ones too), memberships and encryption, no presence, no other account data. To-device
 * messages are not filtered (they carry the room keys).
 * NOTE: https://spec.matrix.org/v1.11/client-server-api/#filtering — `limit` bounds the events
 * of a room in one answer; past it the answer is `limited` and older events are skipped.
 */
export const SYNC_FILTER = JSON.stringify({
  presence: { types: [] },
  account_data: { types: [] },
  room: {
    timeline: { types: ['m.room.message', 'm.room.member', 'm.room.encrypted', 'm.room.encryption'], limit: 100 },
    state: { types: ['m.room.member', 'm.room.encryption'], lazy_load_members: true },
    ephemeral: { types: [] },
    account_data: { types: [] },
  },
});

function inviteOf(roomId: string, events: readonly MatrixEvent[], botUserId: string): SyncItem | null {
  const invite = events.find((e) => e.type === 'm.room.member' && e.state_key === botUserId && e.content.membership === 'invite');
  if (!invite) return null;
  return { kind: 'invite', roomId, inviter: invite.sender, eventId: invite.event_id ?? null, encrypted: events.some((e) => e.type === 'm.room.encryption') };
}

function timelineItem(roomId: string, event: MatrixEvent, botUserId: string): SyncItem | null {
  if (event.type === 'm.room.encryption' && event.state_key === '' && event.event_id) return { kind: 'encryption', roomId, eventId: event.event_id, content: event.content };
  if (event.sender === botUserId) return null;
  if (event.type === 'm.room.member') {
    const gone = event.content.membership === 'leave' || event.content.membership === 'ban';
    return gone && event.state_key && event.state_key !== botUserId ? { kind: 'left', roomId, userId: event.state_key } : null;
  }
  if (event.type === 'm.room.encrypted' && event.event_id) return { kind: 'encrypted', roomId, sender: event.sender, eventId: event.event_id, event };
  return messageItem(roomId, event);
}

/**
 * A room message as Parlons reads it, or null for what is not one to answer. Also for a decrypted
 * event (whose relation, kept unencrypted, is in `relatesTo`).
 */
export function messageItem(roomId: string, event: MatrixEvent, relatesTo: unknown = event.content['m.relates_to']): SyncItem | null {
  if (event.type !== 'm.room.message' || !event.event_id) return null;
  // Notices are what bots send (https://spec.matrix.org/v1.11/client-server-api/#mnotice: never
  // answer them automatically), and an edit is not a new answer.
  const relation = relatesTo as { rel_type?: unknown } | undefined;
  if (event.content.msgtype === 'm.notice' || relation?.rel_type === 'm.replace') return null;
  const text = TEXT_TYPES.has(String(event.content.msgtype)) && typeof event.content.body === 'string' ? event.content.body : '';
  return { kind: 'message', roomId, sender: event.sender, eventId: event.event_id, text };
}

/**
 * Reads a /sync answer: invitations first, then each joined room's state changes and timeline in
 * order. The bot's own events are ignored (but a room turning encryption on is not). `withTimeline: false` (the first sync of a new bot) skips the timeline:
 * what was written before the bot ever ran is history, not questions to answer now.
 */
export function syncItems(response: SyncResponse, botUserId: string, withTimeline: boolean): SyncItem[] {
  const items: SyncItem[] = [];
  for (const [roomId, room] of Object.entries(response.rooms?.invite ?? {})) {
    const invite = inviteOf(roomId, room.invite_state?.events ?? [], botUserId);
    if (invite) items.push(invite);
  }
  if (!withTimeline) return items;
  for (const [roomId, room] of Object.entries(response.rooms?.join ?? {})) {
    for (const event of [...(room.state?.events ?? []), ...(room.timeline?.events ?? [])]) {
      const item = timelineItem(roomId, event, botUserId);
      if (item) items.push(item);
    }
  }
  return items;
}

/** Rooms whose timeline in this answer is cut (more events than the filter's limit). */
export function limitedRooms(response: SyncResponse): string[] {
  return Object.entries(response.rooms?.join ?? {})
    .filter(([, room]) => room.timeline?.limited === true)
    .map(([roomId]) => roomId);
}
