import { agentText } from '../../domain/assembly-session';
import { IDEA_BODY_MAX, IDEA_BODY_MIN, IDEA_TITLE_MAX, IDEA_TITLE_MIN, type IdeaView } from '../../domain/idea';
import { OTHER_NEIGHBOURHOOD } from '../../domain/profile';
import { counted, literal, text, type TextParam } from '../../domain/text';
import { storedLength } from '../../lib/text/clean-input';
import { shorten } from '../../lib/text/shorten';
import type { FlowValue } from '../engine/conversation-state';
import type { ChoiceOption } from '../engine/flow-definition';
import type { RuleResult, StepContext } from '../engine/flow-functions';
import { GoneError } from '../engine/flow-errors';

/** Ideas per page: three fit in one SMS with their menu. */
export const IDEAS_PER_PAGE = 3;
/** Titles in menus are cut to this many characters, so that a page stays short. */
export const MENU_TITLE_MAX = 45;

/** The published idea the flow is about (`data.idea_id`), if it still is published. */
export function chosenIdea(ctx: StepContext): IdeaView | null {
  const id = Number(ctx.data.idea_id);
  return ctx.participation.ideaBoard().published.find((i) => i.id === id) ?? null;
}

/** The published idea the flow is about; it may have been merged or withdrawn since the last message. */
export function requireIdea(ctx: StepContext): IdeaView {
  const idea = chosenIdea(ctx);
  if (!idea) throw new GoneError(text('ideas:gone'));
  return idea;
}

/** An idea as a menu entry: its title, supporters, and a mark when the reader supports it. */
export function ideaOption(idea: IdeaView): ChoiceOption {
  return {
    id: String(idea.id),
    label: text(idea.supportedByMe ? 'ideas:item_supported' : 'ideas:item', { title: literal(shorten(idea.title, MENU_TITLE_MAX)), count: idea.supporters }),
    aliases: [idea.title],
  };
}

/** One page of a list of ideas, IDEAS_PER_PAGE a page. */
export interface Page<T> {
  readonly items: readonly T[];
  /** From 0. */
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

/** Page `requested` (flow data, from 0) of `all`, clamped to the pages there are. */
export function pageOf<T>(all: readonly T[], requested: FlowValue | undefined): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / IDEAS_PER_PAGE));
  const page = Math.min(Math.max(0, Number(requested ?? 0) || 0), pages - 1);
  return { items: all.slice(page * IDEAS_PER_PAGE, (page + 1) * IDEAS_PER_PAGE), page, pages, total: all.length };
}

/** "3 to 4 of 4": what a page's header says. */
export function pageRange(page: Page<unknown>): Record<string, TextParam> {
  return { from: page.page * IDEAS_PER_PAGE + 1, to: Math.min(page.total, (page.page + 1) * IDEAS_PER_PAGE), total: page.total };
}

/** "More ideas" while there are more, "back to the first page" on the last, nothing when one page holds all. */
export function moreOption(page: Page<unknown>): ChoiceOption[] {
  return page.pages > 1 ? [{ id: 'more', label: text(page.page + 1 < page.pages ? 'ideas:more' : 'ideas:first_page') }] : [];
}

/** The page after this one, or the first again after the last. */
export function nextPage(page: Page<unknown>): number {
  return page.page + 1 < page.pages ? page.page + 1 : 0;
}

/** The page of published ideas being browsed (`data.page`). */
export function currentPage(ctx: StepContext): Page<IdeaView> {
  return pageOf(ctx.participation.ideaBoard().published, ctx.data.page);
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

/**
 * A text between `min` and `max` characters (as stored, see storedLength), with a kind word when it is
 * not; `keys.empty` says what to write when nothing came (an idea, unless told otherwise).
 */
export function lengthRule(input: string, min: number, max: number, keys: { readonly short: string; readonly long: string; readonly empty?: string }): RuleResult {
  const length = storedLength(input.trim());
  if (input.trim() === '') return { ok: false, problem: text(keys.empty ?? 'ideas:empty') };
  if (length < min) return { ok: false, problem: text(keys.short, { min: counted('characters', min), length: counted('characters', length) }) };
  if (length > max) return { ok: false, problem: text(keys.long, { max: counted('characters', max), length: counted('characters', length) }) };
  return { ok: true, value: input.trim() };
}

/** The limits told before writing. */
export const ideaLimits = (): Record<string, TextParam> => ({
  title_max: counted('characters', IDEA_TITLE_MAX),
  body_max: counted('characters', IDEA_BODY_MAX),
  title_min: counted('characters', IDEA_TITLE_MIN),
  body_min: counted('characters', IDEA_BODY_MIN),
});
