import type { Store } from '../store/store';

/** An audit event as `parlons audit` shows it (snake_case keys: an export format). */
export interface AuditListing {
  readonly id: number;
  readonly at: string;
  readonly action: string;
  readonly actor_id: number | null;
  readonly actor_organisation: string | null;
  readonly subject_id: number | null;
  /** The contact point the actor used (`telegram:123`), or `cli`; just the channel once that contact point is gone. */
  readonly via: string;
  readonly detail: Readonly<Record<string, string | number | null>>;
}

/** Who `parlons audit` is about. */
export interface AuditFilter {
  readonly personId?: number;
  /** Who acted: a mediator or an agent. */
  readonly mediatorId?: number;
  readonly action?: string;
  /** Only what was recorded before this event (paging back in time). */
  readonly beforeId?: number;
}

/** Audit events, oldest first (the latest `limit` when given), with the contact point each actor used. */
export function listAudit(store: Store, filter: AuditFilter, limit?: number): AuditListing[] {
  const events = store.audit.list({
    ...(filter.personId !== undefined ? { subjectId: filter.personId } : {}),
    ...(filter.mediatorId !== undefined ? { actorId: filter.mediatorId } : {}),
    ...(filter.action !== undefined ? { action: filter.action } : {}),
    ...(filter.beforeId !== undefined ? { beforeId: filter.beforeId } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  return events.map((event) => {
    const contact = event.contactId === null ? null : store.contacts.findById(event.contactId);
    return {
      id: event.id,
      at: event.at,
      action: event.action,
      actor_id: event.actorId,
      actor_organisation: event.actorId === null ? null : store.people.organisationOf(event.actorId, 'mediator'),
      subject_id: event.subjectId,
      via: contact ? `${contact.channel}:${contact.address}` : event.channel,
      detail: event.detail,
    };
  });
}
