/**
 * The web face alone, in its own process, for the web benchmark: the load tool runs in the
 * parent process, so that the two do not share one event loop. Prints the address it listens on,
 * then serves until SIGTERM.
 */
import { createApp } from '../src/app/create-app';
import { loadSettings, readEnvironment } from '../src/config/settings';
import { silentLogger } from '../src/lib/logger';
import { startWebServer } from '../src/web/web-server';

async function main(): Promise<void> {
  const app = createApp(loadSettings(readEnvironment()), { logger: silentLogger });
  const server = await startWebServer({ app, joinAddresses: () => [] }, { host: '127.0.0.1', port: 0 });
  process.stdout.write(`${server.address}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => {
      app.close();
      process.exit(0);
    });
  });
}

void main();
