import { text } from '../../domain/text';
import type { FlowFunctions } from '../engine/flow-functions';
import { broadcastFunctions } from './agent-broadcast';
import { moderationFunctions } from './agent-moderation';
import { participationFunctions } from './agent-participation';

/** The desk's own menu: what an agent can do, with the ideas waiting for them counted. */
const deskFunctions: Partial<FlowFunctions> = {
  providers: {
    agent_menu: (ctx) => [
      { id: 'broadcast', label: text('agent:menu_broadcast') },
      { id: 'moderation', label: text('agent:menu_moderation', { count: ctx.staff.pendingIdeas().length }) },
      { id: 'participation', label: text('agent:menu_participation') },
      { id: 'menu', label: text('common:back_to_menu') },
    ],
  },
};

/** Every named function of the agent desk (see `../definitions/agent.ts`), part by part. */
export const agentDeskFunctions: readonly Partial<FlowFunctions>[] = [deskFunctions, broadcastFunctions, moderationFunctions, participationFunctions];
