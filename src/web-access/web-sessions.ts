import { STAFF_ROLES, type StaffRole } from '../domain/role';
import { audit, type Actor } from '../roles/manage-roles';
import { inTransaction } from '../store/database';
import type { Store } from '../store/store';
import { newSecret, secretHash } from './sign-in-link';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** How stale a session's last activity may get before a request records it again: each write is a commit. */
const TOUCH_EVERY_MS = 60_000;


/** Who acts through the web face, for the audit: the staff member, from the web, with no chat contact point. */
export function webActor(personId: number): Actor & { readonly actorId: number } {
  return { actorId: personId, channel: 'web', contactId: null };
}

/** A signed-in staff member, as every request sees them. */
export interface WebSession {
  readonly id: number;
  readonly personId: number;
  /** What they may do now, read from their roles at this request, not at sign-in: agents have the whole back-office, mediators their own pages. */
  readonly roles: readonly StaffRole[];
  readonly csrfToken: string;
  readonly firstName: string | null;
}

/** The roles of a person that the web face serves (empty: no session for them). */
function webRolesOf(store: Store, personId: number): { roles: StaffRole[]; firstName: string | null } {
  const person = store.people.find(personId);
  return { roles: STAFF_ROLES.filter((role) => person?.roles.includes(role)), firstName: person?.profile?.firstName ?? null };
}

/**
 * Opens a session with a sign-in link's token: the link is spent, whatever follows. Null when the
 * link is unknown, used or expired, or when the person no longer holds a staff role. Returns the
 * cookie's secret (stored only as a hash). Recorded in the audit.
 */
export function signIn(store: Store, linkToken: string, now: Date): { readonly cookie: string; readonly personId: number } | null {
  return inTransaction(store.db, () => {
    const personId = store.webAccess.useSignIn(secretHash(linkToken), now);
    if (personId === null || webRolesOf(store, personId).roles.length === 0) return null;
    const cookie = newSecret();
    store.webAccess.createSession({ tokenHash: secretHash(cookie), personId, csrfToken: newSecret() }, now);
    audit(store, webActor(personId), 'web_signed_in', null, now);
    return { cookie, personId };
  });
}

/** Whether a sign-in link can still be used (the page that asks to confirm says so before). */
export function signInLinkUsable(store: Store, linkToken: string, now: Date): boolean {
  return store.webAccess.signInUsable(secretHash(linkToken), now);
}

/**
 * The session a cookie opens, checked at every request: idle for 30 minutes, or its person without
 * a staff role any more (revoked, erased), it is ended at once and null is returned.
 */
export function currentSession(store: Store, cookie: string, now: Date): WebSession | null {
  const session = store.webAccess.findSession(secretHash(cookie));
  if (!session) return null;
  const { roles, firstName } = webRolesOf(store, session.personId);
  if (roles.length === 0 || now.getTime() - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS) {
    store.webAccess.endSession(session.id);
    return null;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) store.webAccess.touchSession(session.id, now);
  return { id: session.id, personId: session.personId, roles, csrfToken: session.csrfToken, firstName };
}

/** Ends a session at the person's request; recorded in the audit. */
export function signOut(store: Store, session: WebSession, now: Date): void {
  inTransaction(store.db, () => {
    store.webAccess.endSession(session.id);
    audit(store, webActor(session.personId), 'web_signed_out', null, now);
  });
}
