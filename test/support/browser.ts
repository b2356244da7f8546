import fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describeWithTool } from './ci';
import { tempDir } from './test-app';

/** Debian's Chromium: the tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';

/** Quiet, offline, reproducible: no first-run screens, no background traffic, no QUIC, no GPU. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `describe` for tests in a real browser: skipped without Chromium, except in CI where that fails. */
export function describeInBrowser(name: string, body: () => void): void {
  describeWithTool(name, fs.existsSync(CHROMIUM) ? [] : [CHROMIUM], 'apt-get install -y chromium', body);
}

/** A browser for one test file: one Chromium, a fresh profile, one page to reuse. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Starts Chromium on a fresh profile (French first, like the city's residents). */
export async function launchBrowser(locale = 'fr-FR'): Promise<TestBrowser> {
  const { dir, cleanup } = tempDir();
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: FLAGS, locale, viewport: { width: 1200, height: 900 } });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      cleanup();
    },
  };
}

/** What axe-core reports that breaks WCAG 2.1 A or AA: the rule, and where. */
export interface Violation {
  readonly rule: string;
  readonly impact: string | null;
  readonly targets: readonly string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page for WCAG 2.0 and 2.1, levels A and AA (what the RGAA asks). Injected
 * through the DevTools protocol, which the page's content policy (no script at all) does not block.
 */
export async function wcagViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as {
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  };
  return results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
