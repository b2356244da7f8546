import { addSession } from '../../../src/sessions/manage-sessions';
import { approveIdea, openIdeaCall } from '../../../src/ideas/moderate-ideas';
import { sendBroadcast } from '../../../src/broadcasts/send-broadcast';
import { CLI_ACTOR, grantRole } from '../../../src/roles/manage-roles';
import { inTransaction } from '../../../src/store/database';
import { describeInBrowser, launchBrowser, wcagViolations, type TestBrowser } from '../../support/browser';
import { TOMORROW_SESSION } from '../../support/session-fixture';
import { linkToken } from '../../support/web-client';
import { preparedDraw } from '../../support/draw-fixtures';
import { addDrawPool, addVolunteer, closedExampleConsultation, openExampleConsultation } from '../../support/web-fixtures';
import { serveWebForBrowser, type ServedWeb } from '../../support/web-server-for-browser';

/** The public pages, in the order a visitor would see them. */
const PUBLIC_PAGES = ['/', '/join', '/join/poster?from=trois_cites', '/consultations', '/consultations/1', '/consultations/2', '/ideas', '/draws', '/draws/1', '/draws/2', '/sign-in', '/no-such-page', '/agent'];
/** The back-office pages, with the data seeded below. */
const AGENT_PAGES = [
  '/agent',
  '/agent/sessions',
  '/agent/sessions?all=1',
  '/agent/sessions/new',
  '/agent/sessions/1',
  '/agent/sessions/1/edit',
  '/agent/sessions/1/cancel',
  '/agent/consultations',
  '/agent/consultations/new',
  '/agent/consultations/1',
  '/agent/consultations/2',
  '/agent/consultations/3',
  '/agent/consultations/2/close',
  '/agent/ideas',
  '/agent/ideas?status=published',
  '/agent/ideas/1',
  '/agent/notices',
  '/agent/notices/1',
  '/agent/people',
  '/agent/people/2',
  '/agent/people/2/erase',
  '/agent/draws',
  '/agent/draws/new',
  '/agent/draws/1',
  '/agent/draws/2',
  '/agent/audit',
];

/**
 * Accessibility (RGAA, that is WCAG 2.1 AA): axe-core finds no violation of level A or AA on
 * any page, in French and in English, with data in it, and on forms showing their problems.
 */
describeInBrowser('every page meets WCAG 2.1 A and AA', () => {
  jest.setTimeout(180_000);
  let browser: TestBrowser;
  let web: ServedWeb;

  beforeAll(async () => {
    browser = await launchBrowser();
    web = await serveWebForBrowser();
    const { app, clock } = web;
    const now = clock.now();
    addSession(app.store, TOMORROW_SESSION, [], now);
    for (let i = 0; i < 12; i += 1) addVolunteer(app, `v${i}`, { neighbourhood: i < 7 ? 'trois_cites' : 'beaulieu', gender: i % 2 === 0 ? 'woman' : 'man' });
    closedExampleConsultation(app, 6);
    openExampleConsultation(app);
    const scheduled = app.store.consultations.find(1);
    if (scheduled) app.store.consultations.create({ ...scheduled, opensAt: '2026-12-01T08:00:00.000Z', closesAt: '2026-12-10T08:00:00.000Z' }, now);
    const call = openIdeaCall(app.store, { theme: { fr: 'Le parc', en: 'The park' }, opensAt: now.toISOString(), closesAt: '2026-12-20T10:00:00.000Z' }, now) as number;
    const published = app.store.ideas.submit({ callId: call, authorId: 2, title: 'Des bancs', body: 'Des bancs près des jeux.', neighbourhood: 'beaulieu' }, now);
    approveIdea(app.store, published, now);
    app.store.ideas.submit({ callId: call, authorId: 3, title: 'Une fête', body: 'Une fête de quartier en juin.', neighbourhood: null }, now);
    sendBroadcast(app.store, { audience: [{ kind: 'volunteers' }], texts: { fr: 'La séance de samedi est maintenue.', en: 'Saturday’s session is on.' }, sendAt: now }, now);
    // A draw run (its people invited, one has accepted), and one prepared, not drawn yet.
    addDrawPool(app);
    const drawn = await preparedDraw(app, { seed: '12 25 31 40 47' });
    await preparedDraw(app);
    await web.dispatcher.dispatchDue();
    const [seat] = app.store.draws.seats(drawn.id);
    await web.say(app.store.contacts.forPerson(seat?.personId ?? -1)[0]?.address ?? '', '1');
  });
  afterAll(async () => {
    await browser.close();
    await web.stop();
  });

  /** Signs `address` in with a link asked for with WEB, holding `role`. */
  async function signIn(address: string, role: 'agent' | 'mediator'): Promise<void> {
    await browser.context.clearCookies();
    await web.say(address, 'bonjour');
    const id = web.app.store.contacts.find('console', address)?.personId ?? 0;
    inTransaction(web.app.store.db, () => grantRole(web.app.store, id, role, role === 'mediator' ? 'Centre social' : null, CLI_ACTOR, web.clock.now()));
    if (role === 'mediator') web.app.store.mediation.addSupport(id, 2, 'assigned', web.clock.now());
    const token = linkToken(await web.say(address, 'WEB'));
    await browser.page.goto(`${web.url}/sign-in/${token}`);
    expect(await wcagViolations(browser.page)).toEqual([]);
    await browser.page.getByRole('button').first().click();
    await browser.page.waitForURL(/\/(agent|mediator)$/);
  }

  /** Every path's violations, as `{ path: [] }` when there are none, so that a failure names the page. */
  async function check(paths: readonly string[]): Promise<Record<string, unknown>> {
    const found: Record<string, unknown> = {};
    for (const path of paths) {
      await browser.page.goto(`${web.url}${path}`);
      found[path] = await wcagViolations(browser.page);
    }
    return found;
  }

  const none = (paths: readonly string[]) => Object.fromEntries(paths.map((path) => [path, []]));

  test('the check finds violations where there are some', async () => {
    await browser.page.setContent('<html><body><img src="/x.png"><input type="text"></body></html>');
    expect((await wcagViolations(browser.page)).map((v) => v.rule)).toEqual(expect.arrayContaining(['image-alt', 'label', 'html-has-lang']));
  });

  test.each(['fr-FR', 'en-GB'])('public pages, for visitors whose browser speaks %s', async (locale) => {
    await browser.context.clearCookies();
    await browser.context.setExtraHTTPHeaders({ 'accept-language': locale });
    expect(await check(PUBLIC_PAGES)).toEqual(none(PUBLIC_PAGES));
    await browser.context.setExtraHTTPHeaders({});
  });

  test('the back-office, and its forms showing their problems', async () => {
    await signIn('agathe', 'agent');
    expect(await check(AGENT_PAGES)).toEqual(none(AGENT_PAGES));
    const { page } = browser;
    const problems: Record<string, unknown> = {};
    for (const [path, button] of [
      ['/agent/sessions/new', 'Créer la séance'],
      ['/agent/consultations/new', 'Créer la consultation'],
      ['/agent/notices', "Voir qui la recevra"],
      ['/agent/people', 'Chercher'],
      ['/agent/draws/new', 'Préparer le tirage'],
    ] as const) {
      await page.goto(`${web.url}${path}`);
      await page.getByRole('button', { name: button }).click();
      await page.waitForLoadState();
      problems[path] = await wcagViolations(page);
    }
    expect(problems).toEqual(none(Object.keys(problems)));
    await page.goto(`${web.url}/agent/notices`);
    await page.getByLabel('Texte (Français)').fill('La séance de samedi est déplacée à la mairie.');
    await page.getByRole('button', { name: 'Voir qui la recevra' }).click();
    await page.getByText('SMS par personne').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test('a mediator\'s own pages', async () => {
    await signIn('marc', 'mediator');
    const paths = ['/mediator', '/mediator/people/2'];
    expect(await check(paths)).toEqual(none(paths));
  });
});
