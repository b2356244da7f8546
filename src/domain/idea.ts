import type { AgentText } from './assembly-session';

/** Where an idea stands. Persisted. */
export const IDEA_STATUSES = ['pending', 'published', 'rejected', 'merged'] as const;
/** `pending` waits for moderation; `merged` was folded into another idea (its supports moved there). */
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** Limits told to residents before they write, in characters as people count them. */
export const IDEA_TITLE_MIN = 5;
export const IDEA_TITLE_MAX = 80;
export const IDEA_BODY_MIN = 10;
export const IDEA_BODY_MAX = 300;

/** A period during which residents may submit and support ideas, optionally on a theme. */
export interface IdeaCall {
  readonly id: number;
  readonly theme: AgentText | null;
  readonly opensAt: string;
  readonly closesAt: string;
}

/** A published idea as residents see it. */
export interface IdeaView {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly neighbourhood: string | null;
  readonly supporters: number;
  /** The person reading it supports it. */
  readonly supportedByMe: boolean;
  /** The person reading it wrote it. */
  readonly mine: boolean;
}

/** What the ideas part of the chat needs to know, read within the turn. */
export interface IdeaBoard {
  /** The call open now, if any. */
  readonly openCall: IdeaCall | null;
  /** The next call planned, if any and none is open. */
  readonly nextCall: IdeaCall | null;
  /** Published ideas, most supported first. */
  readonly published: readonly IdeaView[];
}
