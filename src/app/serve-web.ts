import { startWebServer, type WebServer } from '../web/web-server';
import type { App } from './create-app';
import type { ServedChannel } from './configured-channels';
import { joinAddresses } from './join-addresses';

/** The web face failed to listen because its address is taken (another process, another Parlons). */
export class WebAddressInUseError extends Error {
  constructor(readonly listen: string) {
    super(`${listen} is already in use`);
    this.name = 'WebAddressInUseError';
  }
}

/**
 * Serves the web face on PARLONS_WEB_LISTEN, beside `channels` (whose addresses the public pages
 * show once they have started); null when the setting is `off`.
 */
export async function serveWeb(app: App, channels: readonly ServedChannel[]): Promise<WebServer | null> {
  const listen = app.settings.web.listen;
  if (!listen) return null;
  try {
    return await startWebServer({ app, joinAddresses: () => joinAddresses(app.settings, channels) }, listen);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new WebAddressInUseError(`${listen.host}:${listen.port}`);
    throw error;
  }
}
