import { createHash, randomBytes } from 'node:crypto';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { literal, text, type Text, type TextParam, type TranslatedText } from '../domain/text';
import { audit, type Actor } from '../roles/manage-roles';
import type { Store } from '../store/store';

/** How long a sign-in link may wait to be sent, and then be used once sent. */
export const SIGN_IN_LINK_VALIDITY_MS = 10 * 60_000;

/** The key of the message part that carries a sign-in link; its `request` parameter names the request. */
const LINK_KEY = 'agent:web_link.link';

/** What the link reads as anywhere but in the message as sent (`parlons outbox`, a copy of the database). */
const HIDDEN_LINK = text('agent:web_link.link_hidden');

/** What the database keeps of a secret: its SHA-256, so that a copy of the database opens nothing. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret for a link or a session cookie: 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Records that a staff member asked for a sign-in link (WEB in their chat) and returns the message
 * part that carries it. The link itself is made when the message is sent (see
 * `fillSignInLinks`): the outbox never holds it. Earlier links of the person stop working. Call
 * inside the message's transaction.
 */
export function requestSignInLink(store: Store, actor: Actor & { readonly actorId: number }, now: Date): TranslatedText {
  const id = store.webAccess.requestSignIn(actor.actorId, new Date(now.getTime() + SIGN_IN_LINK_VALIDITY_MS), now);
  audit(store, actor, 'web_link_requested', null, now);
  return text(LINK_KEY, { url: HIDDEN_LINK, request: id, minutes: SIGN_IN_LINK_VALIDITY_MS / 60_000 });
}

/** The sign-in request a message part carries, if it is the link part. */
function requestOf(part: Text): number | null {
  if (!('key' in part) || part.key !== LINK_KEY) return null;
  const request = part.params?.request;
  return typeof request === 'number' ? request : null;
}

/**
 * Puts a fresh one-time link in a message as it leaves, and records its hash: the link works for
 * ten minutes from now. Null when the message must not leave: the request was replaced by a newer
 * one, used, or waited past its ten minutes (the person asks again), or no web address is set.
 * Messages without a link are returned as they are.
 */
export function fillSignInLinks(store: Store, webUrl: string | null, message: OutgoingMessage, now: Date): OutgoingMessage | null {
  if (!message.parts.some((part) => requestOf(part) !== null)) return message;
  const parts: Text[] = [];
  for (const part of message.parts) {
    const request = requestOf(part);
    if (request === null || !('key' in part)) {
      parts.push(part);
      continue;
    }
    if (webUrl === null) {
      parts.push(text('agent:web_link.no_web_face'));
      continue;
    }
    const token = newSecret();
    if (!store.webAccess.issueSignIn(request, secretHash(token), new Date(now.getTime() + SIGN_IN_LINK_VALIDITY_MS), now)) return null;
    const params: Record<string, TextParam> = { ...part.params, url: literal(`${webUrl}/sign-in/${token}`) };
    parts.push(text(part.key, params));
  }
  return { ...message, parts };
}
