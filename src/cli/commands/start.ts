import { Command } from 'commander';
import { configuredChannels } from '../../app/configured-channels';
import { serveChannels } from '../../app/serve-channels';
import { serveWeb, WebAddressInUseError } from '../../app/serve-web';
import { CliError, type CliContext } from '../cli-context';
import { waitForStopSignal } from '../wait-for-signal';
import { defaultConsoleName, runConsoleSession } from './chat';

/**
 * `parlons start` (what `npm start` runs): serves every configured channel and the web face until
 * stopped. With no channel configured, it opens the console chat, so that a new user sees the bot
 * at once (the web face serves meanwhile).
 */
export function startCommand(cli: CliContext): Command {
  return new Command('start')
    .description(cli.t('start.description'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { db?: string }) => {
      await cli.withApp(options.db, { quietLogLevel: (settings) => (settings.telegram || settings.matrix || settings.sms ? undefined : 'warn') }, async (app) => {
        const channels = configuredChannels(app);
        const web = await serveWeb(app, channels).catch((error: unknown) => {
          if (error instanceof WebAddressInUseError) throw new CliError(cli.t('start.web_in_use', { listen: error.listen }), 2);
          throw error;
        });
        if (web) cli.err(cli.t('start.web', { url: app.settings.web.url ?? web.address, address: web.address }));
        try {
          if (channels.length === 0) return await runConsoleSession(cli, app, defaultConsoleName(), null);
          const serving = await serveChannels(app, channels);
          cli.err(cli.t('start.serving', { channels: channels.map((c) => c.kind).join(', ') }));
          const signal = await waitForStopSignal();
          app.logger.info('stopping', { signal });
          await serving.stop();
        } finally {
          await web?.close();
        }
      });
    });
}
