import { NO_AGENT_DESK, type AgentDesk, type PendingIdea } from '../domain/agent-desk';
import type { PersonSnapshot } from '../domain/person-snapshot';
import { planBroadcast } from '../broadcasts/send-broadcast';
import { openConsultationsParticipation } from '../consultations/participation';
import type { Store } from '../store/store';
import { once } from './once';

/**
 * What the agent desk shows `person`, read lazily from the store, or nothing at all unless they
 * hold the agent role: the store is never read on a resident's behalf.
 */
export function loadAgentDesk(store: Store, person: PersonSnapshot, now: Date): AgentDesk {
  if (!person.roles.includes('agent')) return NO_AGENT_DESK;
  return {
    pendingIdeas: once((): PendingIdea[] =>
      store.ideas.list({ status: 'pending' }).map(({ id, title, body, neighbourhood, submittedAt }) => ({ id, title, body, neighbourhood, submittedAt })),
    ),
    // The CLI's own count (`parlons broadcast --dry-run`), so that both always agree.
    audiencePlan: (audience) => planBroadcast(store, audience),
    consultationParticipation: once(() => openConsultationsParticipation(store, now)),
  };
}
