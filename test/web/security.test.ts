import { createLogger } from '../../src/lib/logger';
import { eachWebTest, linkToken } from '../support/web-client';
import { countRows } from '../unit/store/temp-store';

const t = eachWebTest();

/** Every back-office page (GET), with an id where it takes one. */
const AGENT_PAGES = [
  '/agent',
  '/agent/sessions',
  '/agent/sessions/new',
  '/agent/consultations',
  '/agent/consultations/new',
  '/agent/ideas',
  '/agent/notices',
  '/agent/people',
  '/agent/people/1',
  '/agent/audit',
];

/** Every back-office form, with fields that would be accepted with a token. */
const AGENT_FORMS: readonly (readonly [string, Record<string, string>])[] = [
  ['/agent/sessions', { title_fr: 'Séance', start: '2026-12-12T10:00', end: '2026-12-12T12:00', place: 'Mairie' }],
  ['/agent/notices', { audience: 'all', text_fr: 'Une annonce pour tout le monde.' }],
  ['/agent/ideas/calls', { until: '2026-12-30T10:00' }],
  ['/agent/people/1/roles', { role: 'assembly_member' }],
];

describe('authorisation is checked at every request', () => {
  test.each(AGENT_PAGES)('%s without a session: 401, with the way to sign in, and nothing of the page', async (path) => {
    const page = await t.visitor().get(path);
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('WEB');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  test.each(AGENT_FORMS)('POST %s without a session is refused and changes nothing', async (path, fields) => {
    const visitor = t.visitor();
    const response = await visitor.post(path, fields);
    expect(response.statusCode).toBe(401);
    expect(countRows(t.app.store.db, 'assembly_session') + countRows(t.app.store.db, 'broadcast') + countRows(t.app.store.db, 'idea_call')).toBe(0);
  });

  test('a mediator reaches their own pages, not the agents\' back-office, nor anyone else\'s page', async () => {
    const mediator = await t.signedIn('marc', ['mediator']);
    for (const path of AGENT_PAGES) expect({ path, status: (await mediator.get(path)).statusCode }).toEqual({ path, status: 403 });
    expect((await mediator.post('/agent/notices', { audience: 'all', text_fr: 'Une annonce pour tout le monde.' })).statusCode).toBe(403);
    expect((await mediator.get('/mediator')).statusCode).toBe(200);
    // A person they do not support: not found, whoever it is.
    await t.say('rosa', 'bonjour');
    const rosa = t.app.store.contacts.find('console', 'rosa')?.personId;
    expect((await mediator.get(`/mediator/people/${rosa}`)).statusCode).toBe(404);
  });
});

describe('every form needs its anti-forgery token', () => {
  test.each(AGENT_FORMS)('POST %s without the token, or with another session\'s, is refused and changes nothing', async (path, fields) => {
    const agent = await t.signedIn('agathe', ['agent']);
    const other = await t.signedIn('amir', ['agent']);
    for (const token of ['', other.csrf, 'x'.repeat(43)]) {
      const response = await agent.post(path, { ...fields, _csrf: token });
      expect({ token, status: response.statusCode }).toEqual({ token, status: 403 });
      expect(response.body).toContain('Rechargez la page');
    }
    expect(countRows(t.app.store.db, 'assembly_session') + countRows(t.app.store.db, 'broadcast') + countRows(t.app.store.db, 'idea_call')).toBe(0);
    expect(t.app.store.people.find(1)?.roles).not.toContain('assembly_member');
    // With its token, the same form goes through.
    expect((await agent.post(path, fields)).statusCode).toBeLessThan(400);
  });

  test('the sign-in form too: without the cookie its page set, a valid link does not sign anyone in', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.post('/sign-out', {});
    const token = linkToken(await t.say('agathe', 'WEB'));
    const forger = t.visitor();
    const forged = await forger.post('/sign-in', { token, _csrf: 'a'.repeat(43) });
    expect(forged.statusCode).toBe(403);
    expect(t.app.store.webAccess.signInUsable !== undefined).toBe(true);
    const browser = t.visitor();
    await browser.get(`/sign-in/${token}`);
    expect((await browser.post('/sign-in', { token })).statusCode).toBe(303);
  });
});

describe('security headers', () => {
  test('every page forbids scripts, frames and referrers, and staff pages are never cached', async () => {
    const agent = await t.signedIn('agathe', ['agent']);
    for (const response of [await t.visitor().get('/'), await agent.get('/agent'), await t.visitor().get('/nothing-here')]) {
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.body).not.toMatch(/<script|\son[a-z]+=/i);
    }
    expect((await agent.get('/agent')).headers['cache-control']).toBe('no-store');
  });

  test('visitors get no cookie at all on public pages, and only a language cookie when they choose one', async () => {
    const visitor = t.visitor();
    for (const path of ['/', '/consultations', '/ideas', '/join']) expect((await visitor.get(path)).headers['set-cookie']).toBeUndefined();
    const switched = await visitor.get('/language/en?back=/ideas');
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/ideas');
    expect(String(switched.headers['set-cookie'])).toMatch(/^parlons_lang=en; Max-Age=31536000; Path=\/; SameSite=Lax$/);
    // A "back" that leaves the site goes home instead.
    for (const back of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      expect((await visitor.get(`/language/en?back=${encodeURIComponent(back)}`)).headers.location).toBe('/');
    }
  });
});

describe('sign-in is rate limited', () => {
  test('an address trying links gets 429 after 10 attempts in 10 minutes, with a kind page', async () => {
    const guesser = t.visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await guesser.get(`/sign-in/${'A'.repeat(42)}${i % 10}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(410));
    const refused = await guesser.get(`/sign-in/${'B'.repeat(43)}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Trop d&#39;essais');
    // Other pages are not limited.
    expect((await guesser.get('/')).statusCode).toBe(200);
  });
});

describe('logs', () => {
  test('carry the route pattern, never a sign-in token, a session, a name or an address', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    Object.assign(t.app, { logger });
    const agent = await t.signedIn('agathe', ['agent']);
    await agent.post('/agent/people/search', { query: 'Agathe' });
    await agent.get('/agent/people/1');
    await t.visitor().get(`/sign-in/${'C'.repeat(43)}`);
    const log = lines.join('');
    expect(log).toContain('route=/agent/people/:id');
    expect(log).toContain('route=/sign-in/:token');
    expect(log).not.toContain('C'.repeat(43));
    expect(log).not.toContain(agent.cookies.get('parlons_session'));
    expect(log).not.toMatch(/agathe/i);
  });
});
