import type { App } from '../app/create-app';
import type { JoinAddress } from '../app/join-addresses';
import type { AgentText } from '../domain/assembly-session';
import type { Language } from '../domain/language';
import type { Text, TextParam } from '../domain/text';
import type { WebSession } from '../web-access/web-sessions';
import type { SafeHtml } from './html';

/** Who may open a page: anyone, staff (agents and mediators: pages about themselves), or agents only. */
export type Access = 'public' | 'staff' | 'agent';

/** What the web face needs from the rest of Parlons. */
export interface WebDeps {
  readonly app: App;
  /** Where residents write to the bot, known once the channels have started. */
  readonly joinAddresses: () => readonly JoinAddress[];
}

/** Everything a page knows about the request it answers, and the words to answer with. */
export interface PageContext {
  readonly deps: WebDeps;
  readonly app: App;
  readonly language: Language;
  readonly now: Date;
  /** The signed-in staff member; null for a visitor. Always set on `staff` and `agent` pages. */
  readonly session: WebSession | null;
  /** The anti-forgery token every form must send back (see `csrfField`). */
  readonly csrfToken: string;
  /** This page's path inside the site (without the site's own path), for the language switch. */
  readonly path: string;
  /** What the form that led here did (`?done=session_added&n=4`), in words; null when nothing was done. */
  readonly done: string | null;
  /** A web face text (`web:` namespace), in the visitor's language. */
  t(key: string, params?: Record<string, TextParam>): string;
  /** Any text of Parlons (a chat message's words, a CLI message), in the visitor's language. */
  say(text: Text): string;
  /** What an agent wrote, in the visitor's language if it exists in it. */
  agentText(value: AgentText): string;
  /** A link to a path of the site (behind the reverse proxy's path, if any). */
  href(path: string): string;
  /** An instant in words, on the city's clock: "samedi 28 novembre à 10:00". */
  dateTime(iso: string): string;
  /** An instant as `2026-11-28 10:00` on the city's clock (tables, form fields). */
  shortDateTime(iso: string): string;
  /** A number in the visitor's language (`1 234`, `1,234`); with `percent`, a share (0..1) as a percentage. */
  number(value: number, style?: 'percent'): string;
  /**
   * A view model kept for `ttlMs` (by this server), so that a page under load reads the database
   * once per period rather than at every request. For figures only, never for what a form changes.
   */
  cached<T>(key: string, ttlMs: number, compute: () => T): T;
}

/** A page to show. */
export interface PageReply {
  readonly kind: 'page';
  readonly title: string;
  readonly body: SafeHtml;
  readonly status?: number;
}

/** Go to another page of the site (after a form: post, redirect, get). */
export interface RedirectReply {
  readonly kind: 'redirect';
  /** A path of the site, with its query. */
  readonly to: string;
  /** A session opened (its cookie's secret) or ended by this request. */
  readonly session?: { readonly open: string } | 'end';
  /** The language the visitor chose with the switch. */
  readonly language?: Language;
}

/** A document to download or show as is (CSV, JSON, SVG). */
export interface FileReply {
  readonly kind: 'file';
  readonly type: string;
  readonly body: string;
  /** Offered as a download under this name; shown in the browser when absent. */
  readonly filename?: string;
}

/** Nothing here (an unknown id): the site's "not found" page. */
export interface NotFoundReply {
  readonly kind: 'not_found';
}

/** What a route answers. */
export type Reply = PageReply | RedirectReply | FileReply | NotFoundReply;

/** A route's parameters and query, as strings. */
export interface RouteInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

/** A submitted form's fields (the anti-forgery token already checked). */
export interface FormFields {
  /** The field's value, trimmed of nothing; '' when absent. */
  get(name: string): string;
  /** Every value of a repeated field (checkboxes). */
  all(name: string): string[];
  /** Whether the field was sent at all. */
  has(name: string): boolean;
}

/** How a route is served besides its access. */
export interface RouteOptions {
  /** Counted against the sign-in limit (attempts per visitor in ten minutes). */
  readonly rateLimited?: boolean;
}

/** Where page modules declare their routes. */
export interface WebRoutes {
  /** A page shown on GET. */
  page(path: string, access: Access, handler: (ctx: PageContext, input: RouteInput) => Reply, options?: RouteOptions): void;
  /** A form posted to `path`; refused without the anti-forgery token. */
  form(path: string, access: Access, handler: (ctx: PageContext, input: RouteInput & { readonly form: FormFields }) => Reply, options?: RouteOptions): void;
}

/** A part of the web face: a page or a few, with their forms. */
export type WebModule = (routes: WebRoutes) => void;

/** Shows a page. */
export function page(title: string, body: SafeHtml, status?: number): PageReply {
  return status === undefined ? { kind: 'page', title, body } : { kind: 'page', title, body, status };
}

/** Goes to `to` (a path of the site). */
export function redirect(to: string): RedirectReply {
  return { kind: 'redirect', to };
}

/** The site's "not found" page. */
export const notFound: NotFoundReply = { kind: 'not_found' };
