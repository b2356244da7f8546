import type { PendingIdea } from '../../domain/agent-desk';
import type { AgentEffect } from '../../domain/agent-effect';
import { neighbourhoodLabel } from '../../domain/person-label';
import { literal, text, type TextParam } from '../../domain/text';
import { shorten } from '../../lib/text/shorten';
import type { ChoiceOption } from '../engine/flow-definition';
import { GoneError } from '../engine/flow-errors';
import type { FlowFunctions, StepContext } from '../engine/flow-functions';
import { lengthRule, MENU_TITLE_MAX, moreOption, nextPage, pageOf, pageRange, type Page } from './idea-data';

/** A reason the author reads with their idea's title: one or two sentences. */
export const REJECTION_REASON_MAX = 200;
/** Fewer characters than this is not a reason the author could understand. */
export const REJECTION_REASON_MIN = 5;

/** The pending idea the agent chose (`data.idea_id`), while it still waits for moderation. */
export function chosenPendingIdea(ctx: StepContext): PendingIdea | null {
  const id = Number(ctx.data.idea_id);
  return ctx.staff.pendingIdeas().find((idea) => idea.id === id) ?? null;
}

/** The pending idea the agent chose; someone else may have decided it since the last message. */
function requirePendingIdea(ctx: StepContext): PendingIdea {
  const idea = chosenPendingIdea(ctx);
  if (!idea) throw new GoneError(text('agent:idea_decided_meanwhile'));
  return idea;
}

/** The page of pending ideas shown (`data.page`). */
function pendingPage(ctx: StepContext): Page<PendingIdea> {
  return pageOf(ctx.staff.pendingIdeas(), ctx.data.page);
}

function pendingOption(idea: PendingIdea, ctx: StepContext): ChoiceOption {
  return {
    id: String(idea.id),
    label: text('agent:moderation.item', {
      title: literal(shorten(idea.title, MENU_TITLE_MAX)),
      neighbourhood: neighbourhoodLabel(idea.neighbourhood ?? 'other', ctx.settings.city),
      when: { dateTime: idea.submittedAt },
    }),
    aliases: [idea.title],
  };
}

/** The named functions of the moderation part of the agent desk. */
export const moderationFunctions: Partial<FlowFunctions> = {
  conditions: {
    has_pending_ideas: (ctx) => ctx.staff.pendingIdeas().length > 0,
    /** The idea chosen still waits for moderation: someone else may have decided meanwhile. */
    pending_idea_chosen: (ctx) => chosenPendingIdea(ctx) !== null,
  },

  views: {
    pending_page: (ctx) => pageRange(pendingPage(ctx)),
    pending_idea: (ctx): Record<string, TextParam> => {
      const idea = requirePendingIdea(ctx);
      return {
        title: literal(idea.title),
        body: literal(idea.body),
        neighbourhood: neighbourhoodLabel(idea.neighbourhood ?? 'other', ctx.settings.city),
        when: { dateTime: idea.submittedAt },
      };
    },
  },

  providers: {
    /** A page of pending ideas, then "more" while there are more, then back to the desk. */
    pending_ideas: (ctx) => {
      const page = pendingPage(ctx);
      return [...page.items.map((idea) => pendingOption(idea, ctx)), ...moreOption(page), { id: 'back', label: text('agent:back') }];
    },
  },

  rules: {
    rejection_reason: (input) =>
      lengthRule(input, REJECTION_REASON_MIN, REJECTION_REASON_MAX, { empty: 'agent:moderation.reason_empty', short: 'agent:moderation.reason_too_short', long: 'agent:moderation.reason_too_long' }),
  },

  actions: {
    /** The next page, or the first again after the last. */
    next_pending_page: (ctx) => ({ data: { page: nextPage(pendingPage(ctx)) } }),
    approve_idea: (ctx) => {
      const effect: AgentEffect = { type: 'approve_idea', ideaId: requirePendingIdea(ctx).id };
      return { effects: [effect] };
    },
    reject_idea: (ctx) => {
      const effect: AgentEffect = { type: 'reject_idea', ideaId: requirePendingIdea(ctx).id, reason: String(ctx.data.reason ?? '') };
      return { effects: [effect], data: { reason: undefined } };
    },
  },
};
