import path from 'node:path';
import type { App } from '../../src/app/create-app';
import { startWebServer, type WebServer } from '../../src/web/web-server';
import { freePort } from '../channels/telegram/telegram-harness';
import { startTestApp, tempDir, type TestApp } from './test-app';

/** Parlons with its web face listening on loopback, over a database file of its own, for a browser to open. */
export interface ServedWeb extends TestApp {
  /** The web face's address, as sign-in links carry it. */
  readonly url: string;
  /** The folder of the database (`parlons.db`), for the `parlons` command to share it. */
  readonly dir: string;
  readonly server: WebServer;
  stop(): Promise<void>;
}

/** Starts Parlons and its web face for a browser test. */
export async function serveWebForBrowser(): Promise<ServedWeb> {
  const { dir, cleanup } = tempDir();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = startTestApp(path.join(dir, 'parlons.db'), { PARLONS_WEB_URL: url, PARLONS_QUIET_HOURS: 'off' });
  const server = await startWebServer({ app: t.app as App, joinAddresses: () => [{ channel: 'sms', address: '+33549000000' }] }, { host: '127.0.0.1', port });
  return Object.assign(Object.create(t) as TestApp, {
    url,
    dir,
    server,
    stop: async () => {
      await server.close();
      t.close();
      cleanup();
    },
  }) as ServedWeb;
}
