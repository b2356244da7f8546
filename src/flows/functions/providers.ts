import { OTHER_NEIGHBOURHOOD } from '../../domain/profile';
import { literal, text } from '../../domain/text';
import type { ChoiceOption } from '../engine/flow-definition';
import type { StepContext } from '../engine/flow-functions';
import { mayAnswer } from '../../domain/consultation';
import { agentLiteral, gradeOptions, invitedConsultations, questionOptions, severalOptions } from './consultation-data';
import { currentPage, ideaOption, moreOption } from './idea-data';
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
        title: sessionTitle(session),
        answer: text(`sessions:answer.${session.myAnswer ?? 'none'}`),
      }),
    })),
    { id: 'menu', label: text('common:back_to_menu') },
  ],

  /** Similar published ideas to support instead, then "mine is different". */
  similar_ideas: (ctx) => {
    const ids = String(ctx.data.similar_ids ?? '').split(',').map(Number);
    const published = ctx.participation.ideaBoard().published;
    return [
      ...ids.flatMap((id) => {
        const idea = published.find((i) => i.id === id);
        return idea ? [{ id: String(idea.id), label: text('ideas:support_similar', { title: literal(idea.title) }), aliases: [idea.title] }] : [];
      }),
      { id: 'mine', label: text('ideas:mine_is_different') },
    ];
  },

  /** A page of published ideas, then "more" while there are more, then the menu. */
  idea_page: (ctx) => {
    const page = currentPage(ctx);
    return [...page.items.map(ideaOption), ...moreOption(page), { id: 'menu', label: text('common:back_to_menu') }];
  },

  /** Open consultations the person may answer (marked when answered), results of past ones, the menu. */
  consultations: (ctx) => [
    ...ctx.participation
      .openConsultations()
      .filter((c) => mayAnswer(ctx.person, c.audience))
      .map((c) => ({
        id: String(c.id),
        label: text(c.myBallot ? 'consultations:item_answered' : 'consultations:item', { title: agentLiteral(c.title), until: { dateTime: c.closesAt } }),
      })),
    ...ctx.participation.resultsForMe().map((r) => ({ id: String(r.id), label: text('consultations:item_results', { title: agentLiteral(r.title) }) })),
    { id: 'menu', label: text('common:back_to_menu') },
  ],

  /** The consultations of a grouped invitation still waiting for the person, then "later". */
  invited_consultations: (ctx) => [
    ...invitedConsultations(ctx).map((c) => ({
      id: String(c.id),
      label: text('consultations:item', { title: agentLiteral(c.title), until: { dateTime: c.closesAt } }),
      aliases: Object.values(c.title).filter((t): t is string => t !== undefined),
    })),
    { id: 'later', label: text('consultations:later') },
  ],

  question_options: questionOptions,
  several_options: severalOptions,
  grade_options: gradeOptions,
};
