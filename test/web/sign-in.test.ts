import { CLI_ACTOR, revokeRole } from '../../src/roles/manage-roles';
import { inTransaction } from '../../src/store/database';
import { SESSION_IDLE_MS } from '../../src/web-access/web-sessions';
import { grantRole } from '../../src/roles/manage-roles';
import { eachWebTest, linkToken, WEB_URL } from '../support/web-client';
import { countRows } from '../unit/store/temp-store';

const t = eachWebTest();

/** A console person holding the agent role, who has not asked for a link yet. */
async function agent(address = 'agathe'): Promise<number> {
  await t.say(address, 'bonjour');
  const id = t.app.store.contacts.find('console', address)?.personId ?? 0;
  inTransaction(t.app.store.db, () => grantRole(t.app.store, id, 'agent', null, CLI_ACTOR, t.clock.now()));
  return id;
}

describe('WEB in chat', () => {
  test('gives an agent a one-time link to the web face, made when the message leaves: the outbox and the database keep no usable link', async () => {
    const id = await agent();
    const texts = await t.say('agathe', 'WEB');
    expect(texts.join('\n')).toMatch(new RegExp(`${WEB_URL}/sign-in/[A-Za-z0-9_-]{43}`));
    expect(texts.join('\n')).toContain('10 minutes');
    const token = linkToken(texts);
    // Neither the outbox payload nor any other row holds the token: only its hash.
    const dump = t.app.store.db.prepare<[], { payload: string }>('SELECT payload FROM outbox').all().map((r) => r.payload).join('\n');
    expect(dump).not.toContain(token);
    expect(dump).toContain('agent:web_link.link_hidden');
    expect(t.app.store.db.prepare('SELECT count(*) AS n FROM web_sign_in WHERE person_id = ? AND token_hash IS NOT NULL').get(id)).toEqual({ n: 1 });
    expect(t.app.store.audit.list({ actorId: id }).map((e) => [e.action, e.channel])).toEqual([['web_link_requested', 'console']]);
  });

  test('is an ordinary word for a resident, who is not understood and gets no link', async () => {
    await t.say('rosa', 'bonjour');
    const texts = await t.say('rosa', 'WEB');
    expect(texts.join('\n')).not.toContain('/sign-in/');
    expect(countRows(t.app.store.db, 'web_sign_in')).toBe(0);
  });

  test('works for a mediator too, whose link opens their own pages', async () => {
    const mediator = await t.signedIn('marc', ['mediator']);
    const page = await mediator.get('/mediator');
    expect(page.statusCode).toBe(200);
    expect((await mediator.get('/agent')).statusCode).toBe(403);
  });

  test('a mediator acting for someone who writes WEB is their own self again first, and gets the link for themselves', async () => {
    await t.say('marc', 'bonjour');
    const marc = t.app.store.contacts.find('console', 'marc');
    await t.say('rosa', 'bonjour');
    const rosa = t.app.store.contacts.find('console', 'rosa')?.personId ?? 0;
    inTransaction(t.app.store.db, () => grantRole(t.app.store, marc?.personId ?? 0, 'mediator', 'Centre social', CLI_ACTOR, t.clock.now()));
    t.app.store.mediation.addSupport(marc?.personId ?? 0, rosa, 'assigned', t.clock.now());
    t.app.store.mediation.startActing(marc?.id ?? 0, marc?.personId ?? 0, rosa, t.clock.now());
    const texts = await t.say('marc', 'WEB');
    expect(texts.join('\n')).toContain('/sign-in/');
    expect(t.app.store.mediation.acting(marc?.id ?? 0)).toBeNull();
    expect(t.app.store.db.prepare('SELECT person_id AS person FROM web_sign_in').all()).toEqual([{ person: marc?.personId }]);
  });

  test('a link asked for again replaces the earlier one; a link not sent within 10 minutes is not sent at all', async () => {
    await agent();
    const first = linkToken(await t.say('agathe', 'WEB'));
    const second = linkToken(await t.say('agathe', 'WEB'));
    const browser = t.visitor();
    expect((await browser.get(`/sign-in/${first}`)).statusCode).toBe(410);
    expect((await browser.get(`/sign-in/${second}`)).statusCode).toBe(200);

    // The console is away: the message waits, then its moment passes.
    t.app.conversations.handle({ channel: 'console', address: 'agathe', externalId: 'late-web', text: 'WEB' });
    t.clock.advance(11 * 60_000);
    await t.dispatcher.dispatchDue();
    expect(t.channels.console.take('agathe')).toEqual([]);
    const row = t.app.store.db.prepare<[], { status: string; error: string }>("SELECT status, error FROM outbox ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ status: 'cancelled', error: 'expired' });
  });
});

describe('signing in', () => {
  test('opening the link only shows a button (a chat app fetching it for a preview spends nothing); pressing it opens a session once', async () => {
    await agent();
    const token = linkToken(await t.say('agathe', 'WEB'));
    const preview = t.visitor();
    expect((await preview.get(`/sign-in/${token}`)).statusCode).toBe(200);
    expect((await preview.get(`/sign-in/${token}`)).statusCode).toBe(200);
    const browser = t.visitor();
    const page = await browser.get(`/sign-in/${token}`);
    expect(page.body).toContain('<button type="submit">');
    const other = t.visitor();
    await other.get(`/sign-in/${token}`);
    const signedIn = await browser.post('/sign-in', { token });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/agent');
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/parlons_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain('Secure');
    expect((await browser.get('/agent')).statusCode).toBe(200);
    // The same link a second time, from another browser that had it open: spent.
    expect((await other.post('/sign-in', { token })).statusCode).toBe(410);
    // Only hashes are kept.
    const session = browser.cookies.get('parlons_session') ?? '';
    expect(JSON.stringify(t.app.store.db.prepare('SELECT * FROM web_session').all())).not.toContain(session);
  });

  test('a link expires after 10 minutes', async () => {
    await agent();
    const token = linkToken(await t.say('agathe', 'WEB'));
    const browser = t.visitor();
    expect((await browser.get(`/sign-in/${token}`)).statusCode).toBe(200);
    t.clock.advance(10 * 60_000 + 1);
    // The page was left open too long before pressing the button.
    expect((await browser.post('/sign-in', { token })).statusCode).toBe(410);
    const page = await t.visitor().get(`/sign-in/${token}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('WEB');
  });

  test('a person whose role was taken back between the link and the click is not signed in', async () => {
    const id = await agent();
    const token = linkToken(await t.say('agathe', 'WEB'));
    inTransaction(t.app.store.db, () => revokeRole(t.app.store, id, 'agent', CLI_ACTOR, t.clock.now()));
    const browser = t.visitor();
    await browser.get(`/sign-in/${token}`);
    expect((await browser.post('/sign-in', { token })).statusCode).toBe(410);
    expect(countRows(t.app.store.db, 'web_session')).toBe(0);
  });
});

describe('a session', () => {
  test('ends after 30 minutes without a request, and each request keeps it alive', async () => {
    const browser = await t.signedIn('agathe', ['agent']);
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await browser.get('/agent/sessions')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await browser.get('/agent/sessions')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS + 1);
    const late = await browser.get('/agent/sessions');
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain('WEB');
    expect(countRows(t.app.store.db, 'web_session')).toBe(0);
  });

  test('signing out ends it at once: the old cookie opens nothing, and it is in the audit', async () => {
    const browser = await t.signedIn('agathe', ['agent']);
    const stolen = browser.cookies.get('parlons_session') ?? '';
    const out = await browser.post('/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain('parlons_session=;');
    const replay = await t.visitor().get('/agent', { cookie: `parlons_session=${stolen}` });
    expect(replay.statusCode).toBe(401);
    expect(t.app.store.audit.list({ actorId: browser.personId }).map((e) => [e.action, e.channel])).toEqual([
      ['web_link_requested', 'console'],
      ['web_signed_in', 'web'],
      ['web_signed_out', 'web'],
    ]);
  });

  test('taking the role back ends it at once, whoever takes it back', async () => {
    const browser = await t.signedIn('agathe', ['agent']);
    const admin = await t.signedIn('amir', ['agent']);
    const revoked = await admin.post(`/agent/people/${browser.personId}/roles/revoke`, { role: 'agent' });
    expect(revoked.statusCode).toBe(303);
    expect((await browser.get('/agent')).statusCode).toBe(401);
    expect(t.app.store.db.prepare('SELECT count(*) AS n FROM web_session WHERE person_id = ?').get(browser.personId)).toEqual({ n: 0 });
    // A role taken back from the CLI, while the session lives: refused at the next request too.
    inTransaction(t.app.store.db, () => revokeRole(t.app.store, admin.personId, 'agent', CLI_ACTOR, t.clock.now()));
    expect((await admin.get('/agent')).statusCode).toBe(401);
  });
});
