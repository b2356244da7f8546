import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { parse as parseCookies, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { agentText } from '../domain/assembly-session';
import { isLanguage, type Language } from '../domain/language';
import { formatLocalDateTime } from '../lib/local-time';
import { projectRoot } from '../lib/project-root';
import { currentSession, type WebSession } from '../web-access/web-sessions';
import { html } from './html';
import { layout } from './layout';
import { WEB_MODULES } from './pages';
import { requestLanguage } from './request-language';
import { ViewCache } from './view-cache';
import { Formats } from './formats';
import { formFields, sameSecret, stringRecord } from './request-input';
import { addSecurityHeaders } from './security-headers';
import type { Access, FormFields, PageContext, Reply, RouteInput, WebDeps, WebRoutes } from './web-routes';

/** Cookies the web face sets: the staff session, the visitor's language, and a visitor's anti-forgery token. */
const COOKIE = { session: 'parlons_session', language: 'parlons_lang', csrf: 'parlons_csrf' } as const;
/** Forms are small: a consultation of 20 questions is a few kilobytes. */
const BODY_LIMIT = 256 * 1024;
/** Sign-in attempts per address (a link opened, a link used) in the window: plenty for a person, nothing for a guesser. */
const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_WINDOW_MS = 10 * 60_000;
/** Files served from `assets/web/`, read once. */
const ASSETS: Readonly<Record<string, string>> = { 'parlons.css': 'text/css; charset=utf-8', 'favicon.svg': 'image/svg+xml' };

/** How the web face answers: its site's path behind the proxy, and whether cookies need HTTPS. */
interface Site {
  readonly basePath: string;
  readonly secure: boolean;
}

function siteOf(url: string | null): Site {
  if (!url) return { basePath: '', secure: false };
  const parsed = new URL(url);
  return { basePath: parsed.pathname.replace(/\/+$/, ''), secure: parsed.protocol === 'https:' };
}

/** The web face over an app, ready to listen or to be tried with `inject` (tests, benchmarks). */
export async function buildWebServer(deps: WebDeps): Promise<FastifyInstance> {
  const { app } = deps;
  const { settings, translator, store, logger } = app;
  const site = siteOf(settings.web.url);
  const href = (to: string) => `${site.basePath}${to}`;
  const cookieOptions = (httpOnly: boolean): SerializeOptions => ({ path: site.basePath || '/', httpOnly, secure: site.secure, sameSite: 'lax' });
  const assets = Object.fromEntries(Object.keys(ASSETS).map((name) => [name, fs.readFileSync(path.join(projectRoot(), 'assets', 'web', name))]));

  const views = new ViewCache(() => app.clock.now().getTime());
  const formats = new Formats(settings.city.timeZone);

  // NOTE: behind the city's reverse proxy on the same machine, the visitor's address is in
  // X-Forwarded-For; only a proxy on loopback is believed (rate limits count per visitor).
  // NOTE: a browser keeps connections open, some without a request yet (preconnects), which Node
  // does not count as idle: without forcing them closed, stopping Parlons would wait minutes.
  const fastify = Fastify({ logger: false, trustProxy: 'loopback', bodyLimit: BODY_LIMIT, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true } });
  await fastify.register(formbody, { bodyLimit: BODY_LIMIT });
  // A draw's quotas file is chosen on the agent's computer: that form is sent as multipart, its
  // file read as text into the fields like any other, within the same limits.
  await fastify.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: BODY_LIMIT, fieldSize: BODY_LIMIT, files: 1, fields: 200, parts: 201 },
    onFile: async (part) => {
      part.value = (await part.toBuffer()).toString('utf8');
    },
  });
  await fastify.register(rateLimit, { global: false });

  /** What every page of this request knows; `csrfToken` is read when a page shows a form. */
  const contextFor = (request: FastifyRequest, session: WebSession | null, csrfToken: () => string, language: Language): PageContext => {
    const locale = translator.render({ key: 'common:intl_locale' }, language);
    const pathOnly = (request.url.split('?')[0] ?? '/').slice(site.basePath.length);
    return {
      deps,
      app,
      language,
      now: app.clock.now(),
      session,
      get csrfToken() {
        return csrfToken();
      },
      path: pathOnly.startsWith('/') ? pathOnly : '/',
      done: doneMessage(stringRecord(request.query), language),
      t: (key, params) => translator.render({ key: `web:${key}`, ...(params ? { params } : {}) }, language),
      say: (text) => translator.render(text, language),
      agentText: (value) => agentText(value, language, settings.defaultLanguage),
      href,
      dateTime: (iso) => formats.dateTime(locale, iso),
      shortDateTime: (iso) => formatLocalDateTime(iso, settings.city.timeZone),
      number: (value, style) => formats.number(locale, value, style),
      cached: (key, ttlMs, compute) => views.get(key, ttlMs, compute),
    };
  };

  /** What `?done=…&n=…` says, if it names a known message (a link cannot put any other text in a page). */
  const doneMessage = (query: Record<string, string>, language: Language): string | null => {
    const key = `web:done.${query.done ?? ''}`;
    if (!/^[a-z_]+$/.test(query.done ?? '') || !(translator.has(key, language) || translator.has(`${key}_other`, language))) return null;
    const n = /^\d+$/.test(query.n ?? '') ? Number(query.n) : '';
    return translator.render({ key, params: { n, count: n } }, language);
  };

  /** The document for an error: its title and a line, and the way home. */
  const errorReply = (ctx: PageContext, status: number, key: string): Reply => ({
    kind: 'page',
    status,
    title: ctx.t(`error.${key}.title`),
    body: html`<p>${ctx.t(`error.${key}.text`)}</p><p><a href="${ctx.href('/')}">${ctx.t('error.home')}</a></p>`,
  });

  /** Sends what a route answered, with the cookies the request set. */
  const send = (reply: FastifyReply, ctx: PageContext, answer: Reply, cookies: string[]): void => {
    const answered = answer.kind === 'not_found' ? errorReply(ctx, 404, 'not_found') : answer;
    if (answered.kind === 'redirect') {
      if (answered.session === 'end') cookies.push(serializeCookie(COOKIE.session, '', { ...cookieOptions(true), maxAge: 0 }));
      else if (answered.session) cookies.push(serializeCookie(COOKIE.session, answered.session.open, cookieOptions(true)));
      if (answered.language) cookies.push(serializeCookie(COOKIE.language, answered.language, { ...cookieOptions(false), maxAge: 365 * 24 * 3600 }));
    }
    if (cookies.length > 0) void reply.header('set-cookie', cookies);
    // What staff see carries personal data: never kept by a browser or a proxy.
    void reply.header('cache-control', ctx.session || answered.kind === 'redirect' ? 'no-store' : 'no-cache').header('vary', 'Cookie, Accept-Language');
    switch (answered.kind) {
      case 'page':
        void reply.code(answered.status ?? 200).type('text/html; charset=utf-8').send(layout(ctx, answered.title, answered.body));
        return;
      case 'file':
        void reply.type(answered.type).header('content-disposition', answered.filename ? `attachment; filename="${answered.filename}"` : 'inline').send(answered.body);
        return;
      case 'redirect':
        void reply.redirect(href(answered.to), 303);
        return;
    }
  };

  /** Reads the request's cookies, session and language; answers it with `handler` if access allows. */
  const handle = (request: FastifyRequest, reply: FastifyReply, access: Access, handler: (ctx: PageContext) => Reply, posted: FormFields | null): void => {
    const cookies = parseCookies(request.headers.cookie ?? '');
    const setCookies: string[] = [];
    const sessionCookie = cookies[COOKIE.session];
    const session = sessionCookie ? currentSession(store, sessionCookie, app.clock.now()) : null;
    // A cookie that opens nothing any more (signed out, expired, role taken back) is cleared.
    if (sessionCookie && !session) setCookies.push(serializeCookie(COOKIE.session, '', { ...cookieOptions(true), maxAge: 0 }));
    const language = requestLanguage(cookies[COOKIE.language], request.headers['accept-language'], settings.defaultLanguage);
    // Visitors get an anti-forgery cookie only when a page shows them a form (signing in).
    const visitorToken = cookies[COOKIE.csrf] !== undefined && /^[A-Za-z0-9_-]{43}$/.test(cookies[COOKIE.csrf] ?? '') ? (cookies[COOKIE.csrf] ?? '') : null;
    let issued: string | null = null;
    const csrfToken = () => {
      if (session) return session.csrfToken;
      if (visitorToken) return visitorToken;
      if (!issued) {
        issued = randomBytes(32).toString('base64url');
        setCookies.push(serializeCookie(COOKIE.csrf, issued, { ...cookieOptions(true), sameSite: 'strict' }));
      }
      return issued;
    };
    const ctx = contextFor(request, session, csrfToken, language);
    if (access !== 'public' && !session) return send(reply, ctx, errorReply(ctx, 401, 'sign_in_needed'), setCookies);
    if (access === 'agent' && !session?.roles.includes('agent')) return send(reply, ctx, errorReply(ctx, 403, 'forbidden'), setCookies);
    const expected = session?.csrfToken ?? visitorToken;
    if (posted && !(expected && sameSecret(posted.get('_csrf'), expected))) {
      logger.warn('web_form_refused', { route: request.routeOptions.url, reason: 'csrf' });
      return send(reply, ctx, errorReply(ctx, 403, 'form_expired'), setCookies);
    }
    send(reply, ctx, handler(ctx), setCookies);
  };

  // Set before the routes are registered: their scope takes the handlers in force then.
  fastify.setNotFoundHandler((request, reply) => handle(request, reply, 'public', () => ({ kind: 'not_found' }), null));
  fastify.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    // The route's pattern only: a URL may hold a sign-in token.
    if (status >= 500) logger.error('web_error', { route: request.routeOptions.url, error: error.message });
    else logger.info('web_refused', { route: request.routeOptions.url, status });
    const language = requestLanguage(parseCookies(request.headers.cookie ?? '')[COOKIE.language], request.headers['accept-language'], settings.defaultLanguage);
    const ctx = contextFor(request, null, () => '', language);
    send(reply, ctx, errorReply(ctx, status, status === 429 ? 'too_many' : status === 413 ? 'too_large' : status < 500 ? 'bad_request' : 'server'), []);
  });
  const signInLimit = { rateLimit: { max: SIGN_IN_ATTEMPTS, timeWindow: SIGN_IN_WINDOW_MS, groupId: 'sign-in' } };

  await fastify.register(
    async (scope) => {
      const routes: WebRoutes = {
        page: (routePath, access, handler, options = {}) => {
          scope.get(routePath, options.rateLimited ? { config: signInLimit } : {}, (request, reply) => {
            const input: RouteInput = { params: stringRecord(request.params), query: stringRecord(request.query) };
            handle(request, reply, access, (ctx) => handler(ctx, input), null);
          });
        },
        form: (routePath, access, handler, options = {}) => {
          scope.post(routePath, options.rateLimited ? { config: signInLimit } : {}, (request, reply) => {
            const form = formFields(request.body);
            const input = { params: stringRecord(request.params), query: stringRecord(request.query), form };
            handle(request, reply, access, (ctx) => handler(ctx, input), form);
          });
        },
      };
      for (const module of WEB_MODULES) module(routes);
      scope.get('/language/:language', (request, reply) => {
        const { language } = stringRecord(request.params);
        const back = stringRecord(request.query).back ?? '/';
        // Only a path of this site: never a way to send visitors elsewhere.
        const to = /^\/(?![/\\])/.test(back) ? back : '/';
        handle(request, reply, 'public', () => (isLanguage(language) ? { kind: 'redirect', to, language } : { kind: 'not_found' }), null);
      });
      scope.get('/assets/:name', (request, reply) => {
        const { name = '' } = stringRecord(request.params);
        const type = ASSETS[name];
        const body = assets[name];
        if (!type || !body) return handle(request, reply, 'public', () => ({ kind: 'not_found' }), null);
        void reply.header('cache-control', 'public, max-age=3600').type(type).send(body);
      });
    },
    { prefix: site.basePath },
  );

  addSecurityHeaders(fastify, site.secure);
  fastify.addHook('onResponse', async (request, reply) => {
    logger.debug('web_request', { method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });
  return fastify;
}

/** The web face, listening. */
export interface WebServer {
  /** Where it listens, as `http://host:port`. */
  readonly address: string;
  close(): Promise<void>;
}

/** Starts the web face on `listen` (port 0: any free port). */
export async function startWebServer(deps: WebDeps, listen: { readonly host: string; readonly port: number }): Promise<WebServer> {
  const fastify = await buildWebServer(deps);
  await fastify.listen({ host: listen.host, port: listen.port });
  const bound = fastify.server.address();
  const port = bound !== null && typeof bound === 'object' ? bound.port : listen.port;
  return { address: `http://${listen.host}:${port}`, close: () => fastify.close() };
}
