import { createApp, type App } from '../../src/app/create-app';
import { configuredChannels } from '../../src/app/configured-channels';
import { serveChannels, type Serving } from '../../src/app/serve-channels';
import { loadSettings } from '../../src/config/settings';
import { silentLogger } from '../../src/lib/logger';
import { seededRandom } from '../../src/lib/seeded-random';

/**
 * Parlons serving the channels its settings turn on, as `parlons start` does, inside a test:
 * the base of the channel harnesses, which start it, stop it (a restart) and read its store.
 */
export class ServedBot {
  app: App | null = null;
  private serving: Serving | null = null;

  /** Starts Parlons with these settings (again, after `stopBot`, for a restart). */
  protected async serve(env: Record<string, string>): Promise<void> {
    this.app = createApp(loadSettings(env), { logger: silentLogger, random: seededRandom(7) });
    this.serving = await serveChannels(this.app, configuredChannels(this.app), 20);
  }

  /** Stops the bot and closes its database, as a process being stopped would. */
  async stopBot(): Promise<void> {
    await this.serving?.stop();
    this.serving = null;
    this.app?.close();
    this.app = null;
  }
}
