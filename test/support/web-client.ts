import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { GrantableRole } from '../../src/domain/role';
import { CLI_ACTOR, grantRole } from '../../src/roles/manage-roles';
import { inTransaction } from '../../src/store/database';
import { buildWebServer } from '../../src/web/web-server';
import type { JoinAddress } from '../../src/app/join-addresses';
import { eachTestApp, type TestApp } from './test-app';

/** The web face's public address in tests: links are built on it. */
export const WEB_URL = 'http://parlons.test';

/** A browser's view of the web face: its cookies, and the anti-forgery token of its pages. */
export interface Visitor {
  readonly cookies: Map<string, string>;
  /** GETs a path with the visitor's cookies (and keeps those it sets). */
  get(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POSTs a form with the visitor's cookies and, unless `_csrf` is given, the token of the last page seen. */
  post(path: string, fields: Record<string, string | readonly string[]>): Promise<LightMyRequestResponse>;
  /** The anti-forgery token of the last page that had a form. */
  readonly csrf: string;
}

/** The web face over a test app (on a database file of its own for each test). */
export interface WebTest extends TestApp {
  /** The server for the current test (built on first use). */
  server(): Promise<FastifyInstance>;
  /** A new visitor, with no cookies. */
  visitor(): Visitor;
  /** A person on the console holding `roles`, signed in through a link asked for with WEB in chat. */
  signedIn(address: string, roles: readonly GrantableRole[], organisation?: string): Promise<Visitor & { readonly personId: number }>;
  /** Where residents write to the bot, as the public pages show it. */
  joinAddresses: JoinAddress[];
}

function encodeForm(fields: Record<string, string | readonly string[]>): string {
  return Object.entries(fields)
    .flatMap(([name, value]) => (typeof value === 'string' ? [value] : [...value]).map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** The sign-in link's token in a chat message. */
export function linkToken(texts: readonly string[]): string {
  const match = /\/sign-in\/([A-Za-z0-9_-]{43})/.exec(texts.join('\n'));
  if (!match?.[1]) throw new Error(`no sign-in link in ${JSON.stringify(texts)}`);
  return match[1];
}

/** A web test app for each test of the calling file; `env` adds settings. */
export function eachWebTest(env: Record<string, string> = {}): WebTest {
  const t = eachTestApp({ PARLONS_WEB_URL: WEB_URL, PARLONS_QUIET_HOURS: 'off', ...env });
  let built: { app: unknown; server: FastifyInstance } | null = null;
  const joinAddresses: JoinAddress[] = [];
  afterEach(async () => {
    await built?.server.close();
    built = null;
    joinAddresses.length = 0;
  });
  const server = async (): Promise<FastifyInstance> => {
    if (!built || built.app !== t.app) built = { app: t.app, server: await buildWebServer({ app: t.app, joinAddresses: () => joinAddresses }) };
    return built.server;
  };
  const visitor = (): Visitor => {
    const cookies = new Map<string, string>();
    let csrf = '';
    const remember = (response: LightMyRequestResponse) => {
      for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (cookie.maxAge === 0) cookies.delete(cookie.name);
        else cookies.set(cookie.name, cookie.value);
      }
      const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
      if (token) csrf = token;
      return response;
    };
    const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return {
      cookies,
      get csrf() {
        return csrf;
      },
      get: async (path, headers = {}) => remember(await (await server()).inject({ method: 'GET', url: path, headers: { cookie: cookieHeader(), ...headers } })),
      post: async (path, fields) =>
        remember(
          await (await server()).inject({
            method: 'POST',
            url: path,
            headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
            payload: encodeForm({ _csrf: csrf, ...fields }),
          }),
        ),
    };
  };
  return Object.assign(Object.create(t) as TestApp, {
    server,
    visitor,
    joinAddresses,
    async signedIn(address: string, roles: readonly GrantableRole[], organisation = 'Centre social') {
      await t.say(address, 'bonjour');
      const personId = t.app.store.contacts.find('console', address)?.personId;
      if (personId === undefined) throw new Error(`no person at console:${address}`);
      inTransaction(t.app.store.db, () => {
        for (const role of roles) grantRole(t.app.store, personId, role, role === 'mediator' ? organisation : null, CLI_ACTOR, t.clock.now());
      });
      const token = linkToken(await t.say(address, 'WEB'));
      const browser = visitor();
      await browser.get(`/sign-in/${token}`);
      const signedIn = await browser.post('/sign-in', { token });
      if (signedIn.statusCode !== 303) throw new Error(`sign-in failed: ${signedIn.statusCode}`);
      await browser.get(signedIn.headers.location as string);
      return Object.assign(browser, { personId });
    },
  }) as WebTest;
}
