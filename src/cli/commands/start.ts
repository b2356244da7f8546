import { Command } from 'commander';
import { configuredChannels } from '../../app/configured-channels';
import { serveChannels } from '../../app/serve-channels';
import { ChannelStartError } from '../../channels/channel';
import { CliError, EXIT, type CliContext } from '../cli-context';
import { waitForStopSignal } from '../wait-for-signal';
import { defaultConsoleName, runConsoleSession } from './chat';

/**
 * `parlons start` (what `npm start` runs): serves every configured channel until stopped. With
 * none configured, it opens the console chat, so that a new user sees the bot at once.
 */
export function startCommand(cli: CliContext): Command {
  return new Command('start')
    .description(cli.t('start.description'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { db?: string }) => {
      await cli.withApp(options.db, { quietLogLevel: (settings) => (settings.telegram || settings.matrix || settings.sms ? undefined : 'warn') }, async (app) => {
        const channels = configuredChannels(app);
        if (channels.length === 0) return await runConsoleSession(cli, app, defaultConsoleName(), null);
        const serving = await serveChannels(app, channels).catch((error: unknown) => {
          if (!(error instanceof ChannelStartError)) throw error;
          throw new CliError(cli.t('errors.channel_start', { channel: error.channel, reason: error.message }), error.invalidSetting ? EXIT.settings : EXIT.failure);
        });
        cli.err(cli.t('start.serving', { channels: channels.map((c) => c.kind).join(', ') }));
        const signal = await waitForStopSignal();
        app.logger.info('stopping', { signal });
        await serving.stop();
      });
    });
}
