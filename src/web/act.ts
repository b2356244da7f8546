import type { AuditDetail } from '../domain/audit';
import { audit } from '../roles/manage-roles';
import { inTransaction } from '../store/database';
import { webActor } from '../web-access/web-sessions';
import type { PageContext } from './web-routes';

/** What the audit records of an action: whom it was about, and ids that say what it was. */
export interface Audited {
  readonly subject?: number | null;
  readonly detail?: AuditDetail;
}

/**
 * Runs what the signed-in staff member asked for, with the same functions as the CLI and the chat
 * desks, and records it in the audit as done from the web, in the same transaction: the action
 * and its record are both kept or neither is. `record` says what to record, or null for nothing
 * (the action was refused).
 */
export function act<T>(ctx: PageContext, action: string, work: () => T, record: (result: T) => Audited | null = () => ({})): T {
  const session = ctx.session;
  // Routes that act are for staff only: the server has already refused anyone else.
  if (!session) throw new Error(`${action} asked without a session`);
  const { store } = ctx.app;
  return inTransaction(store.db, () => {
    const result = work();
    const audited = record(result);
    if (audited) audit(store, webActor(session.personId), action, audited.subject ?? null, ctx.now, audited.detail ?? {});
    return result;
  });
}
