import type { Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, wcagViolations, type TestBrowser } from '../../support/browser';
import { runParlons } from '../../support/parlons-cli';
import { DRAW_QUOTAS } from '../../support/draw-fixtures';
import { addDrawPool, addVolunteer } from '../../support/web-fixtures';
import { serveWebForBrowser, type ServedWeb } from '../../support/web-server-for-browser';

/** The tests' clock (FakeClock's start) on the city's wall clock, for the `parlons` command to agree with it. */
const NOW = '2026-11-22 10:00';

/**
 * An agent's day in a real browser (Debian's Chromium), with the chat beside it: the link asked
 * for in the console chat (the real `parlons chat`), then the back-office, while residents answer
 * in their chat.
 */
describeInBrowser('an agent in a real browser', () => {
  // A browser and several `parlons` processes: far longer than jest's default, and slower under load.
  jest.setTimeout(120_000);
  let browser: TestBrowser;
  let web: ServedWeb | null = null;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    await web?.stop();
    web = null;
    await browser.context.clearCookies();
  });

  /** Gives `address` the agent role with the `parlons` command, asks for a link in `parlons chat`, and signs in with it. */
  async function signInFromChat(served: ServedWeb, page: Page, address: string): Promise<void> {
    expect(runParlons(served.dir, ['role', 'grant', `console:${address}`, 'agent']).code).toBe(0);
    const chat = runParlons(served.dir, ['chat', '--as', address, '--now', NOW], 'WEB\n', { PARLONS_WEB_URL: served.url });
    expect(chat.code).toBe(0);
    const link = new RegExp(`${served.url}/sign-in/[A-Za-z0-9_-]{43}`).exec(chat.stdout)?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL(`${served.url}/agent`);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  }

  /** Reloads a computation's page (it does not reload itself) until `done` shows. */
  async function waitForComputation(page: Page, done: string): Promise<void> {
    for (let tries = 0; (await page.getByText(done).count()) === 0; tries += 1) {
      if (tries === 240) throw new Error(`still computing, no "${done}"`);
      await page.waitForTimeout(250);
      await page.getByRole('link', { name: 'Recharger' }).click();
    }
  }

  test('signs in with a link asked for in the console chat, creates a session, and sees a resident\'s "oui" to its reminder', async () => {
    web = await serveWebForBrowser();
    const served = web;
    const { page } = browser;
    addVolunteer(served.app, 'camille', { firstName: 'Camille' });
    await signInFromChat(served, page, 'agathe');

    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('link', { name: 'Nouvelle séance' }).click();
    await page.getByLabel('Titre (Français)').fill('Séance 3 : le parc');
    await page.getByLabel('Titre (English)').fill('Session 3: the park');
    await page.getByLabel('Début').fill('2026-11-23T10:00');
    await page.getByLabel('Fin', { exact: true }).fill('2026-11-23T12:00');
    await page.getByLabel('Lieu').fill('Maison de quartier des Trois-Cités');
    await page.getByLabel('Rappels').fill('1d');
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByText('Séance n° 1 créée').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // The reminder leaves a day before, now; Camille answers it in her chat.
    served.app.runScheduler(served.clock.now());
    await served.dispatcher.dispatchDue();
    expect(served.channels.console.take('camille').join('\n')).toContain('Séance 3 : le parc');
    expect((await served.say('camille', 'oui')).join('\n')).not.toContain("Je n'ai pas compris");

    await page.reload();
    await page.getByText('oui 1 · non 0 · peut-être 0').waitFor();
    await page.getByRole('row', { name: /Camille\s+oui/ }).waitFor();
  });

  test('creates a consultation in the form, opens it; residents answer in chat; its results and chart appear on the public page', async () => {
    web = await serveWebForBrowser();
    const served = web;
    const { page } = browser;
    const voters = ['ana', 'bruno', 'chloe', 'dima', 'emma'];
    for (const voter of voters) addVolunteer(served.app, voter);
    await signInFromChat(served, page, 'agathe');

    await page.getByRole('link', { name: 'Gérer les consultations' }).click();
    await page.getByRole('link', { name: 'Nouvelle consultation' }).click();
    await page.getByLabel('Titre (Français)').fill('Le parc de la Gibauderie');
    await page.getByLabel('Titre (English)').fill('The Gibauderie park');
    await page.getByLabel('Ouverture').fill('2026-11-22T11:00');
    await page.getByLabel('Clôture').fill('2026-11-29T18:00');
    await page.getByLabel('La question (Français)').fill('Faut-il des bancs ?');
    await page.getByLabel('La question (English)').fill('Should there be benches?');
    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    const second = page.getByRole('group', { name: 'Question 2' });
    await second.getByLabel('Sorte de question').selectOption('majority_judgment');
    await second.getByLabel('La question (Français)').fill('Que pensez-vous de ces projets ?');
    await second.getByLabel('Choix ou propositions').fill('Des arbres | Trees\nUn kiosque | A bandstand\nDes jeux | A playground');
    // The English question is missing: the problem is shown beside its field, nothing is lost.
    await page.getByRole('button', { name: 'Créer la consultation' }).click();
    await page.getByRole('alert').getByText('Ce champ est à remplir.').waitFor();
    expect(await second.getByLabel('Choix ou propositions').inputValue()).toContain('Un kiosque | A bandstand');
    expect(await wcagViolations(page)).toEqual([]);
    await second.getByLabel('La question (English)').fill('What do you think of these projects?');
    await page.getByRole('button', { name: 'Créer la consultation' }).click();
    await page.getByText('Consultation n° 1 créée').waitFor();
    await page.getByRole('button', { name: 'Ouvrir maintenant' }).click();
    await page.getByText('Invitations en file d\'envoi : 5').waitFor();

    // Five residents answer in their chat: now, yes, then a grade for each project, and send.
    await served.dispatcher.dispatchDue();
    voters.forEach((voter) => expect(served.channels.console.take(voter).join('\n')).toContain('Le parc de la Gibauderie'));
    for (const [i, voter] of voters.entries()) {
      for (const answer of ['1', i < 4 ? '1' : '2', '1', String(2 + (i % 3)), '6', '1']) await served.say(voter, answer);
      expect(served.channels.console.take(voter).join('\n')).not.toContain("Je n'ai pas compris");
    }
    await page.reload();
    await page.getByText(/Réponses : 5 · personnes invitées : 5/).waitFor();

    await page.getByRole('link', { name: 'Clore maintenant' }).click();
    await page.getByRole('button', { name: 'Oui, clore la consultation' }).click();
    await page.getByRole('link', { name: 'La page publique des résultats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Le parc de la Gibauderie' }).waitFor();
    await page.getByText('Oui', { exact: true }).first().waitFor();
    const chart = page.locator('figure.chart svg[role="img"]');
    await chart.waitFor({ state: 'visible' });
    expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
    await page.getByRole('table', { name: /Classement et profils de mérite/ }).getByRole('row', { name: /Des arbres/ }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test('prepares a draw from a quotas file, tries the seed, then draws; a seat declined in chat is filled; the public page shows the record', async () => {
    web = await serveWebForBrowser();
    const served = web;
    const { page } = browser;
    addDrawPool(served.app);
    await signInFromChat(served, page, 'agathe');

    await page.getByRole('link', { name: 'Gérer les tirages' }).click();
    await page.getByRole('link', { name: 'Préparer un tirage' }).click();
    await page.getByLabel('Le fichier de quotas').setInputFiles({ name: 'groupe.yaml', mimeType: 'application/x-yaml', buffer: Buffer.from(DRAW_QUOTAS) });
    await page.getByRole('button', { name: 'Préparer le tirage' }).click();
    await waitForComputation(page, 'Tirage n° 1 préparé');
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel('La graine').fill('12 25 31 40 47');
    await page.getByRole('button', { name: "Voir le résultat (rien n'est enregistré)" }).click();
    await page.getByRole('button', { name: 'Confirmer : tirer et inviter ces 5 personnes' }).click();
    await page.getByText('Tirage fait : 5 personnes invitées').waitFor();

    // The first person drawn declines in their chat; a replacement is drawn among those never invited.
    await served.dispatcher.dispatchDue();
    const [seat] = served.app.store.draws.seats(1);
    const declining = served.app.store.contacts.forPerson(seat?.personId ?? -1)[0]?.address ?? '';
    expect(served.channels.console.take(declining).join('\n')).toContain('tiré·e au sort pour « Groupe de travail »');
    await served.say(declining, '2');
    await page.reload();
    await page.getByRole('button', { name: 'Tirer des remplaçants pour les places libres' }).click();
    await waitForComputation(page, 'Remplaçants tirés : 1 personne invitée.');
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto(`${served.url}/draws/1`);
    await page.getByRole('heading', { level: 1, name: 'Groupe de travail' }).waitFor();
    await page.getByText('12 25 31 40 47', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Télécharger le registre public (JSON)' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
