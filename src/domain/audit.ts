/**
 * What the audit records: every staff action, and every action a mediator takes for someone.
 * Persisted in `audit_event.action`: snake_case, never renamed without a migration. Effects a
 * mediator applies for a person are recorded under the effect's own type (`cast_ballot`…).
 */
export const STAFF_ACTIONS = [
  'role_granted',
  'role_revoked',
  'role_invitation_created',
  'role_invitation_used',
  'role_invitation_refused',
  'mediator_assigned',
  'mediator_unassigned',
  'person_registered_by_mediator',
  'acting_started',
  'acting_ended',
  'broadcast_sent',
  'idea_approved',
  'idea_rejected',
  'participation_viewed',
  'web_link_requested',
  'web_signed_in',
  'web_signed_out',
  'session_added',
  'session_edited',
  'session_cancelled',
  'consultation_created',
  'consultation_opened',
  'consultation_closed',
  'idea_merged',
  'idea_call_opened',
  'idea_call_closed',
  'person_exported',
  'person_erased',
  'draw_prepared',
  'draw_run',
  'draw_replaced',
] as const;

/** Where an action came from: a chat channel, the CLI (an admin at the server), or `web` (the back-office). */
export type AuditChannel = string;

/** Ids that say what an action was about; never a message body, never a vote. */
export type AuditDetail = Readonly<Record<string, string | number | null>>;

/** An action to record. */
export interface NewAuditEvent {
  readonly action: string;
  /** Who acted: a mediator or agent, or null for an admin at the CLI. */
  readonly actorId: number | null;
  /** Whom it was for or about, if anyone. */
  readonly subjectId: number | null;
  readonly channel: AuditChannel;
  /** The contact point the actor used, when they acted from a chat. */
  readonly contactId: number | null;
  readonly detail?: AuditDetail;
}

/** A recorded action. */
export interface AuditEvent extends NewAuditEvent {
  readonly id: number;
  readonly at: string;
  readonly detail: AuditDetail;
}

/** An action taken for a person, as they see it in MES DONNÉES: what, when, by which mediator, on which channel. */
export interface ActionForPerson {
  readonly at: string;
  readonly action: string;
  readonly actorId: number | null;
  readonly organisation: string | null;
  readonly channel: string;
}
