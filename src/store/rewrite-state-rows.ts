import type { ConversationState } from '../flows/engine/conversation-state';

/**
 * Rewrites saved conversation states (rows of `contact_id` and JSON `state`) with `edit`, which
 * returns the state to keep, the same object when unchanged; `write` saves a changed one.
 * Returns how many were rewritten.
 */
export function rewriteStateRows(
  rows: readonly { readonly contact_id: number; readonly state: string }[],
  edit: (state: ConversationState) => ConversationState,
  write: (contactId: number, state: string) => void,
): number {
  let rewritten = 0;
  for (const row of rows) {
    const state = JSON.parse(row.state) as ConversationState;
    const edited = edit(state);
    if (edited === state) continue;
    write(row.contact_id, JSON.stringify(edited));
    rewritten++;
  }
  return rewritten;
}
