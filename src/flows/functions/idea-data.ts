import { agentText } from '../../domain/assembly-session';
import { IDEA_BODY_MAX, IDEA_BODY_MIN, IDEA_TITLE_MAX, IDEA_TITLE_MIN, type IdeaView } from '../../domain/idea';
import { OTHER_NEIGHBOURHOOD } from '../../domain/profile';
import { literal, text, type TextParam } from '../../domain/text';
import { countGraphemes } from '../../lib/text/clean-input';
import { shorten } from '../../lib/text/shorten';
import type { ChoiceOption } from '../engine/flow-definition';
import type { RuleResult, StepContext } from '../engine/flow-functions';

/** Ideas per page: three fit in one SMS with their menu. */
export const IDEAS_PER_PAGE = 3;
/** Titles in menus are cut to this many characters, so that a page stays short. */
export const MENU_TITLE_MAX = 45;

/** The published idea the flow is about (`data.idea_id`), if it still is published. */
export function chosenIdea(ctx: StepContext): IdeaView | null {
  const id = Number(ctx.data.idea_id);
  return ctx.participation.ideaBoard().published.find((i) => i.id === id) ?? null;
}

/** An idea as a menu entry: its title, supporters, and a mark when the reader supports it. */
export function ideaOption(idea: IdeaView): ChoiceOption {
  return {
    id: String(idea.id),
    label: text(idea.supportedByMe ? 'ideas:item_supported' : 'ideas:item', { title: literal(shorten(idea.title, MENU_TITLE_MAX)), count: idea.supporters }),
    aliases: [idea.title],
  };
}

/** The page being browsed (`data.page`, from 0), clamped to the pages there are. */
export function currentPage(ctx: StepContext): { readonly ideas: readonly IdeaView[]; readonly page: number; readonly pages: number; readonly total: number } {
  const published = ctx.participation.ideaBoard().published;
  const pages = Math.max(1, Math.ceil(published.length / IDEAS_PER_PAGE));
  const page = Math.min(Math.max(0, Number(ctx.data.page ?? 0) || 0), pages - 1);
  return { ideas: published.slice(page * IDEAS_PER_PAGE, (page + 1) * IDEAS_PER_PAGE), page, pages, total: published.length };
}

/** The call's theme and closing time, or when the next call opens. */
export function callParams(ctx: StepContext): Record<string, TextParam> {
  const board = ctx.participation.ideaBoard();
  const call = board.openCall;
  const theme = call?.theme ? text('ideas:theme_line', { theme: literal(agentText(call.theme, ctx.person.language, ctx.settings.defaultLanguage)) }) : '';
  const status = call
    ? text('ideas:call_open', { until: { dateTime: call.closesAt }, theme })
    : board.nextCall
      ? text('ideas:call_next', { from: { dateTime: board.nextCall.opensAt } })
      : text('ideas:call_none');
  return { status };
}

/** What the draft idea will look like once sent. */
export function draftParams(ctx: StepContext): Record<string, TextParam> {
  const neighbourhood = draftNeighbourhood(ctx);
  const name = ctx.settings.city.neighbourhoods.find((n) => n.id === neighbourhood)?.name;
  return {
    title: literal(String(ctx.data.title ?? '')),
    body: literal(String(ctx.data.body ?? '')),
    neighbourhood: name ? literal(name) : text('profile:neighbourhood.other'),
  };
}

/** The neighbourhood an idea is linked to: the one chosen for it, else the author's. */
export function draftNeighbourhood(ctx: StepContext): string | null {
  const chosen = ctx.data.neighbourhood;
  const value = typeof chosen === 'string' ? chosen : (ctx.person.profile?.neighbourhood ?? null);
  return value === OTHER_NEIGHBOURHOOD ? null : value;
}

/** A text between `min` and `max` characters (as people count them), with a kind word when it is not. */
export function lengthRule(input: string, min: number, max: number, keys: { readonly short: string; readonly long: string }): RuleResult {
  const length = countGraphemes(input.trim());
  if (input.trim() === '') return { ok: false, problem: text('ideas:empty') };
  if (length < min) return { ok: false, problem: text(keys.short, { min, length }) };
  if (length > max) return { ok: false, problem: text(keys.long, { max, length }) };
  return { ok: true, value: input.trim() };
}

/** The limits told before writing. */
export const ideaLimits = (): Record<string, TextParam> => ({ title_max: IDEA_TITLE_MAX, body_max: IDEA_BODY_MAX, title_min: IDEA_TITLE_MIN, body_min: IDEA_BODY_MIN });
