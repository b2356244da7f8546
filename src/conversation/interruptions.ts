import type { ConversationState, FlowData } from '../flows/engine/conversation-state';

/** The flow that invites people to a consultation (see flows/definitions/consultations). */
const INVITATION_FLOW = 'consultation_invitation';
/** Its steps where the person has not yet started answering: a new invitation joins their list. */
const NOT_STARTED = new Set(['choose', 'intro', 'consent_notice', 'consent_details', 'consent_rights']);

/** How an unprompted question starts: with what data, and interrupting what. */
export interface Interruption {
  readonly data: FlowData;
  readonly suspend: ConversationState | null;
}

function ids(value: FlowData[string] | undefined): number[] {
  return String(value ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
}

/**
 * How flow `flowId` interrupts the conversation at `state` to ask something unprompted.
 *
 * - An invitation that arrives while the person has not yet answered an earlier one is grouped
 *   with it: one question listing both, so that one screen holds one numbered choice.
 * - An invitation that arrives in the middle of another's ballot waits: the ballot resumes after.
 * - Otherwise a flow does not interrupt itself (a reminder replaces an unanswered reminder).
 */
export function interruption(flowId: string, data: FlowData, state: ConversationState | null): Interruption {
  if (flowId === INVITATION_FLOW && state?.flowId === INVITATION_FLOW) {
    if (!NOT_STARTED.has(state.stepId)) return { data, suspend: state };
    const handled = ids(state.data.handled_ids);
    const waiting = [...ids(state.data.consultation_ids), ...ids(state.data.consultation_id)];
    const all = [...new Set([...waiting.filter((id) => !handled.includes(id)), ...ids(data.consultation_id)])];
    if (all.length > 1) return { data: { consultation_ids: all.join(',') }, suspend: state.suspended ?? null };
  }
  return { data, suspend: state && state.flowId !== flowId ? state : (state?.suspended ?? null) };
}
