import type { ConversationState, FlowData } from '../flows/engine/conversation-state';

/** Flow data keys that hold what a person answered before confirming (see flows/definitions/consultations). */
const DRAFT_KEYS = ['ballot', 'answer'] as const;

/**
 * The state without the unconfirmed answers it holds for consultation `id`, in the
 * conversation itself and in those it interrupted; the same object when there are none. At
 * closing, a draft is not counted and must not outlive the consultation in the database: the
 * person is told it closed when they next write (the flow finds it gone).
 */
export function withoutBallotDraft(state: ConversationState, id: number): ConversationState {
  const suspended = state.suspended ? withoutBallotDraft(state.suspended, id) : undefined;
  const drafted = Number(state.data.consultation_id) === id && DRAFT_KEYS.some((key) => key in state.data);
  if (!drafted && suspended === state.suspended) return state;
  const data: Record<string, FlowData[string]> = { ...state.data };
  if (drafted) for (const key of DRAFT_KEYS) delete data[key];
  return { ...state, data, ...(suspended ? { suspended } : {}) };
}
