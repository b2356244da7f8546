import type { AgentEffect } from '../domain/agent-effect';
import { text, type Text } from '../domain/text';
import { sendBroadcast } from '../broadcasts/send-broadcast';
import { approveIdea, rejectIdea, type Decision, type ModerationProblem } from '../ideas/moderate-ideas';
import { audit, type Actor } from '../roles/manage-roles';
import type { Store } from '../store/store';
import type { EffectSource } from './apply-effects';

/** What to tell the agent after a moderation decision: nothing, or that someone decided first. */
function decided(store: Store, actor: Actor, result: Decision | ModerationProblem, action: 'idea_approved' | 'idea_rejected', ideaId: number, now: Date): Text[] {
  // The flow checked the idea was pending in this same transaction; this is the store's own guard.
  if ('problem' in result) return [text('agent:idea_decided_meanwhile')];
  audit(store, actor, action, null, now, { idea_id: ideaId });
  return [];
}

/**
 * Applies what an agent did at the agent desk, with the CLI's own functions, and records it in the
 * audit (ids only, never the notice or the reason). Only for a person holding the agent role who
 * writes from their own contact point: flows offer the desk to no one else, so anything else is a
 * programmer error and rolls the whole message back. Returns what to tell the agent.
 */
export function applyAgentEffect(store: Store, personId: number, source: EffectSource, effect: AgentEffect, now: Date): Text[] {
  const { contact } = source;
  if (!contact || source.mediator || !store.people.find(personId)?.roles.includes('agent')) {
    throw new Error(`${effect.type} asked for person ${personId}, who is not an agent at their own contact point`);
  }
  const actor: Actor = { actorId: personId, channel: contact.channel, contactId: contact.id };
  switch (effect.type) {
    case 'send_broadcast': {
      const sent = sendBroadcast(store, { audience: effect.audience, texts: effect.texts, sendAt: now }, now);
      audit(store, actor, 'broadcast_sent', null, now, { broadcast_id: sent.id, recipients: sent.recipients });
      return [];
    }
    case 'approve_idea':
      return decided(store, actor, approveIdea(store, effect.ideaId, now), 'idea_approved', effect.ideaId, now);
    case 'reject_idea':
      return decided(store, actor, rejectIdea(store, effect.ideaId, effect.reason, now), 'idea_rejected', effect.ideaId, now);
    case 'view_participation':
      audit(store, actor, 'participation_viewed', null, now, { consultation_id: effect.consultationId });
      return [];
  }
}
