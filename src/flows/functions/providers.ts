import { OTHER_NEIGHBOURHOOD } from '../../domain/profile';
import { literal, text } from '../../domain/text';
import type { ChoiceOption } from '../engine/flow-definition';
import type { StepContext } from '../engine/flow-functions';
import { sessionTitle } from './session-data';

/** Named providers: option lists that come from data rather than from the flow definition. */
export const providers: Readonly<Record<string, (ctx: StepContext) => readonly ChoiceOption[]>> = {
  /** The city's neighbourhoods (from `data/cities/`), then "another one / I do not know". */
  neighbourhoods: (ctx) => [
    ...ctx.settings.city.neighbourhoods.map((n) => ({ id: n.id, label: literal(n.name), aliases: n.aliases })),
    { id: OTHER_NEIGHBOURHOOD, label: text('profile:neighbourhood.other') },
  ],

  /** Upcoming sessions, soonest first, each with the person's answer, then "back to the menu". */
  upcoming_sessions: (ctx) => [
    ...ctx.sessions.map((session) => ({
      id: String(session.id),
      label: text(session.myAnswer ? 'sessions:list_item_answered' : 'sessions:list_item', {
        when: { dateTime: session.startsAt },
        title: sessionTitle(session, ctx),
        answer: text(`sessions:answer.${session.myAnswer ?? 'none'}`),
      }),
    })),
    { id: 'menu', label: text('common:back_to_menu') },
  ],
};
