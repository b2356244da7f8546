/**
 * Screenshots of the web face's main pages for the README (`docs/screenshots/`), taken in
 * Debian's Chromium on a demo city (bench/web-demo-data.ts): the same pages a new user sees.
 *
 *   npm run screenshots
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../src/lib/project-root';
import { prepareDraw } from '../src/draws/prepare-draw';
import { readQuotaFile } from '../src/draws/quota-file';
import { runDraw } from '../src/draws/run-draw';
import { loadSolver } from '../src/draws/selection/highs-solver';
import type { App } from '../src/app/create-app';
import { startWebServer } from '../src/web/web-server';
import { withTemporaryApp } from '../bench/bench-support';
import { seedDemo, signInAs } from '../bench/web-demo-data';

const OUT = path.join(projectRoot(), 'docs', 'screenshots');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The example convention (data/draws/convention.yaml) prepared among the demo's volunteers and drawn; returns its id. */
async function demoDraw(app: App): Promise<number> {
  const file = fs.readFileSync(path.join(projectRoot(), 'data', 'draws', 'convention.yaml'), 'utf8');
  const read = readQuotaFile(file, app.settings.city, 'fr', (key) => key);
  if (!read.ok) throw new Error(`the example quotas file does not read: ${JSON.stringify(read.problems)}`);
  const prepared = prepareDraw({ store: app.store, solver: await loadSolver(), city: app.settings.city }, read.definition, app.clock.now());
  if (!prepared.ok) throw new Error(`the example draw cannot be prepared: ${prepared.reason}`);
  const run = runDraw(app.store, app.conversations, prepared.draw.id, '7 19 23 38 44', app.clock.now(), false);
  if (!run.ok) throw new Error(`the example draw cannot be run: ${run.reason}`);
  return prepared.draw.id;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await withTemporaryApp(async (app) => {
    const demo = seedDemo(app, { people: 400, messages: 3000, ballots: 180, seed: 3 });
    const drawId = await demoDraw(app);
    const cookie = signInAs(app, demo.agentId);
    const joins = [
      { channel: 'telegram' as const, address: '@parlons_poitiers_bot' },
      { channel: 'matrix' as const, address: '@parlons:poitiers.example' },
      { channel: 'sms' as const, address: '+33549000000' },
    ];
    const server = await startWebServer({ app, joinAddresses: () => joins }, { host: '127.0.0.1', port: 0 });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR', deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shoot = async (name: string, target: string, prepare?: () => Promise<void>) => {
        await page.goto(`${server.address}${target}`);
        await prepare?.();
        await page.screenshot({ path: path.join(OUT, `${name}.png`) });
        console.log(`docs/screenshots/${name}.png`);
      };
      await shoot('public-assembly', '/');
      await shoot('public-join', '/join', async () => page.locator('.join').scrollIntoViewIfNeeded());
      await shoot('public-results', `/consultations/${demo.closedConsultationId}`, async () => page.locator('figure.chart').scrollIntoViewIfNeeded());
      await shoot('public-ideas', '/ideas');
      await shoot('public-draw', `/draws/${drawId}`, async () => page.locator('#seed-title').scrollIntoViewIfNeeded());
      await context.addCookies([{ name: 'parlons_session', value: cookie, url: server.address }]);
      await shoot('agent-dashboard', '/agent');
      await shoot('agent-session', `/agent/sessions/${demo.sessionId}`);
      await shoot('agent-consultation-form', '/agent/consultations/new', async () => {
        await page.getByLabel('Titre (Français)').fill('Le parc de la Gibauderie');
        await page.getByRole('button', { name: 'Créer la consultation' }).click();
      });
      await shoot('agent-notice', '/agent/notices', async () => {
        await page.getByLabel('À qui').selectOption('neighbourhood:trois_cites');
        await page.getByLabel('Texte (Français)').fill('La séance de samedi est déplacée à la salle des fêtes des Trois-Cités, même heure.');
        await page.getByLabel('Texte (English)').fill('Saturday’s session moves to the Trois-Cités community hall, same time.');
        await page.getByRole('button', { name: 'Voir qui la recevra' }).click();
      });
      await shoot('agent-draw', `/agent/draws/${drawId}`);
      await shoot('agent-person', `/agent/people/${demo.agentId + 3}`);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

void main();
