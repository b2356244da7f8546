import type { ConsultationParticipation } from '../../domain/agent-desk';
import type { AgentEffect } from '../../domain/agent-effect';
import { agentText } from '../../domain/assembly-session';
import { counted, literal, text, type Text, type TextParam } from '../../domain/text';
import { shorten } from '../../lib/text/shorten';
import { GoneError } from '../engine/flow-errors';
import type { FlowFunctions, StepContext } from '../engine/flow-functions';
import { agentLiteral } from './consultation-data';

/** Characters of a question repeated in the participation detail, so that it fits an SMS. */
const QUESTION_MAX = 40;

/** The open consultation the agent chose (`data.consultation_id`), while it is open. */
function chosenParticipation(ctx: StepContext): ConsultationParticipation | null {
  const id = Number(ctx.data.consultation_id);
  return ctx.staff.consultationParticipation().find((c) => c.id === id) ?? null;
}

/** The open consultation the agent chose; it may have closed since the last message. */
function requireParticipation(ctx: StepContext): ConsultationParticipation {
  const c = chosenParticipation(ctx);
  if (!c) throw new GoneError(text('agent:participation.closed_meanwhile'));
  return c;
}

/** "12 answers out of 150 invited (8 %)", or "12 answers" when nobody was counted as invited. */
function answersWords(c: ConsultationParticipation): Text {
  return c.invited
    ? text('agent:participation.answers_of_invited', { count: c.ballots, invited: counted('people_invited', c.invited), percent: Math.round((c.ballots / c.invited) * 100) })
    : text('agent:participation.answers', { count: c.ballots });
}

/** The named functions of the participation part of the agent desk: counts only, never an answer. */
export const participationFunctions: Partial<FlowFunctions> = {
  conditions: {
    agent_has_consultations: (ctx) => ctx.staff.consultationParticipation().length > 0,
    /** The consultation chosen is still open: it may have closed meanwhile. */
    participation_chosen: (ctx) => chosenParticipation(ctx) !== null,
  },

  views: {
    consultation_participation: (ctx): Record<string, TextParam> => {
      const c = requireParticipation(ctx);
      return {
        title: agentLiteral(c.title),
        participation: answersWords(c),
        until: { dateTime: c.closesAt },
        questions: c.questions.map((q, i) =>
          text('agent:participation.question_line', {
            n: i + 1,
            question: literal(shorten(agentText(q.text, ctx.person.language, ctx.settings.defaultLanguage), QUESTION_MAX)),
            count: q.answered,
          }),
        ),
      };
    },
  },

  providers: {
    /** Open consultations with their participation, then back to the desk. */
    agent_consultations: (ctx) => [
      ...ctx.staff.consultationParticipation().map((c) => ({
        id: String(c.id),
        label: text('agent:participation.item', { title: agentLiteral(c.title), participation: answersWords(c), until: { dateTime: c.closesAt } }),
      })),
      { id: 'back', label: text('agent:back') },
    ],
  },

  actions: {
    /** Looking at a consultation's participation is recorded in the audit. */
    view_participation: (ctx) => {
      const c = requireParticipation(ctx);
      const effect: AgentEffect = { type: 'view_participation', consultationId: c.id };
      return { effects: [effect] };
    },
  },
};
