import { CLI_ACTOR, grantRole } from '../../src/roles/manage-roles';
import { inTransaction } from '../../src/store/database';
import { eachWebTest, linkToken } from '../support/web-client';

/** The web face behind the city's reverse proxy, which terminates HTTPS and publishes it under a path. */
const t = eachWebTest({ PARLONS_WEB_URL: 'https://ville.example.org/parlons' });

test('links, cookies and redirects live under the public path, the session cookie is Secure, and HTTPS is required from then on', async () => {
  await t.say('agathe', 'bonjour');
  const id = t.app.store.contacts.find('console', 'agathe')?.personId ?? 0;
  inTransaction(t.app.store.db, () => grantRole(t.app.store, id, 'agent', null, CLI_ACTOR, t.clock.now()));
  const texts = await t.say('agathe', 'WEB');
  expect(texts.join('\n')).toContain('https://ville.example.org/parlons/sign-in/');
  const token = linkToken(texts);

  const browser = t.visitor();
  const page = await browser.get(`/parlons/sign-in/${token}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('action="/parlons/sign-in"');
  expect(page.body).toContain('href="/parlons/assets/parlons.css"');
  expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
  const signedIn = await browser.post('/parlons/sign-in', { token });
  expect(signedIn.headers.location).toBe('/parlons/agent');
  expect(String(signedIn.headers['set-cookie'])).toMatch(/parlons_session=[^;]+; Path=\/parlons; HttpOnly; Secure; SameSite=Lax/);
  expect((await browser.get('/parlons/agent')).statusCode).toBe(200);
  // Outside the public path there is nothing.
  expect((await browser.get('/agent')).statusCode).toBe(404);
});
