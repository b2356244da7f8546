import type { AuditDetail } from '../domain/audit';
import { isStaffRole, type GrantableRole, type StaffRole } from '../domain/role';
import type { Store } from '../store/store';
import { hashInvitationCode, newInvitationCode } from './invitation-code';

/** How long an invitation code may be used. */
export const INVITATION_VALIDITY_MS = 48 * 3_600_000;

/** Who does something, for the audit: a person from a contact point, or an admin at the CLI. */
export interface Actor {
  readonly actorId: number | null;
  readonly channel: string;
  readonly contactId: number | null;
}

/** An admin at the server's command line. */
export const CLI_ACTOR: Actor = { actorId: null, channel: 'cli', contactId: null };

/** Records an action in the audit. Call inside the action's transaction. */
export function audit(store: Store, actor: Actor, action: string, subjectId: number | null, now: Date, detail: AuditDetail = {}): void {
  store.audit.record({ action, actorId: actor.actorId, subjectId, channel: actor.channel, contactId: actor.contactId, detail }, now);
}

/** The organisation a role is given for, trimmed; a mediator acts for one, so theirs is required (null: it is missing). */
export function roleOrganisation(role: GrantableRole, value: string | undefined): { readonly organisation: string | null } | null {
  const organisation = value?.trim() || null;
  return role === 'mediator' && organisation === null ? null : { organisation };
}

/** Gives a role, recorded in the audit; false when the person held it already. Call inside a transaction. */
export function grantRole(store: Store, personId: number, role: GrantableRole, organisation: string | null, actor: Actor, now: Date): boolean {
  if (!store.people.grantRole(personId, role, now, organisation)) return false;
  audit(store, actor, 'role_granted', personId, now, { role, organisation });
  return true;
}

/**
 * Takes a role back, recorded in the audit; false when the person did not hold it. A mediator
 * loses at once the conversations they held on others' behalf. Call inside a transaction.
 */
export function revokeRole(store: Store, personId: number, role: GrantableRole, actor: Actor, now: Date): boolean {
  if (!store.people.revokeRole(personId, role)) return false;
  audit(store, actor, 'role_revoked', personId, now, { role });
  // Their web sessions end with their last staff role (each request checks the roles, too).
  if (!store.people.find(personId)?.roles.some(isStaffRole)) store.webAccess.endSessionsOf(personId);
  if (role === 'mediator') {
    for (const ended of store.mediation.endActingOf(personId)) {
      audit(store, { actorId: personId, channel: actor.channel, contactId: ended.contactId }, 'acting_ended', ended.personId, now, { reason: 'role_revoked' });
    }
  }
  return true;
}

/** Issues a one-time code for a staff role; only its hash is stored. Call inside a transaction. */
export function createInvitation(
  store: Store,
  role: StaffRole,
  organisation: string | null,
  actor: Actor,
  now: Date,
  pick?: (below: number) => number,
): { readonly code: string; readonly expiresAt: Date } {
  const code = newInvitationCode(pick);
  const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
  const id = store.roleInvitations.create({ codeHash: hashInvitationCode(code), role, organisation, expiresAt }, now);
  audit(store, actor, 'role_invitation_created', null, now, { invitation: id, role, organisation });
  return { code, expiresAt };
}

/** What sending a code did. */
export type Redemption =
  | { readonly outcome: 'granted'; readonly role: StaffRole; readonly organisation: string | null }
  | { readonly outcome: 'held_already'; readonly role: StaffRole }
  /** Unknown, used or expired: the person is told the same in each case. */
  | { readonly outcome: 'invalid' }
  /** Too many wrong codes from this contact point lately: this one was not even checked. */
  | { readonly outcome: 'too_many' };

/** Wrong codes a contact point may send in an hour before the codes it sends are no longer checked. */
export const WRONG_CODES_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Takes a code sent in chat, limiting guesses: a contact point that sent WRONG_CODES_PER_HOUR
 * wrong codes in the last hour is not heard on codes until the oldest of them is an hour old.
 * Each wrong or unchecked code is recorded in the audit (with the contact point, never the code).
 * With 40-bit codes valid 48 hours, this makes guessing hopeless from any one chat.
 */
export function redeemSentCode(store: Store, code: string, personId: number, actor: Actor & { readonly contactId: number }, now: Date): Redemption {
  const wrong = store.audit.countFromContact('role_invitation_refused', actor.contactId, new Date(now.getTime() - HOUR_MS));
  if (wrong >= WRONG_CODES_PER_HOUR) {
    audit(store, actor, 'role_invitation_refused', personId, now, { reason: 'too_many' });
    return { outcome: 'too_many' };
  }
  const redemption = redeemInvitation(store, code, personId, actor, now);
  if (redemption.outcome === 'invalid') audit(store, actor, 'role_invitation_refused', personId, now, { reason: 'invalid' });
  return redemption;
}

/**
 * Gives the code's role to the person who sent it, once: the code is spent, the grant and the
 * use are recorded. A person holding the role already does not spend the code. Call inside the
 * message's transaction.
 */
export function redeemInvitation(store: Store, code: string, personId: number, actor: Actor, now: Date): Redemption {
  const invitation = store.roleInvitations.findByHash(hashInvitationCode(code));
  if (!invitation || invitation.usedAt !== null || new Date(invitation.expiresAt) <= now) return { outcome: 'invalid' };
  if (store.people.find(personId)?.roles.includes(invitation.role)) return { outcome: 'held_already', role: invitation.role };
  if (!store.roleInvitations.markUsed(invitation.id, personId, now)) return { outcome: 'invalid' };
  audit(store, actor, 'role_invitation_used', personId, now, { invitation: invitation.id, role: invitation.role });
  grantRole(store, personId, invitation.role, invitation.organisation, actor, now);
  return { outcome: 'granted', role: invitation.role, organisation: invitation.organisation };
}
