import { Command } from 'commander';
import { configuredChannels } from '../../app/configured-channels';
import type { App } from '../../app/create-app';
import { serveChannels } from '../../app/serve-channels';
import { serveWeb, WebAddressInUseError } from '../../app/serve-web';
import { BackupSchedule } from '../../backup/backup-schedule';
import type { Settings } from '../../config/settings';
import { CliError, type CliContext } from '../cli-context';
import { waitForStopSignal } from '../wait-for-signal';
import { defaultConsoleName, runConsoleSession } from './chat';

/** Whether the settings turn on a channel (else `start` opens the console chat). */
function servesChannels(settings: Settings): boolean {
  return Boolean(settings.telegram || settings.matrix || settings.sms);
}

/** Starts the daily backups the settings ask for (none when PARLONS_BACKUP_DIR is off). */
function scheduleBackups(app: App): BackupSchedule | null {
  const { dir, time, keep, key } = app.settings.backup;
  if (dir === null) return null;
  const schedule = new BackupSchedule(app.store.db, { dir, time, keep, passphrase: key, timeZone: app.settings.city.timeZone }, app.clock, app.logger);
  schedule.start();
  app.logger.info('backups_scheduled', { dir, next: schedule.nextAt().toISOString(), keep, encrypted: key !== null });
  return schedule;
}

/**
 * `parlons start` (what `npm start` runs): serves every configured channel and the web face until
 * stopped. With no channel configured, it opens the console chat, so that a new user sees the bot
 * at once (the web face serves meanwhile). Serving channels takes the database's serving lock
 * first: a second `start` on the same database is refused (exit code 4) before it touches
 * anything. A channel that stops for good (a revoked token) stops the process with a non-zero
 * exit code, so that a supervisor sees it and restarts it.
 */
export function startCommand(cli: CliContext): Command {
  return new Command('start')
    .description(cli.t('start.description'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { db?: string }) => {
      await cli.withApp(options.db, { quietLogLevel: (settings) => (servesChannels(settings) ? undefined : 'warn'), serves: servesChannels }, async (app) => {
        const channels = configuredChannels(app);
        const web = await serveWeb(app, channels).catch((error: unknown) => {
          if (error instanceof WebAddressInUseError) throw new CliError(cli.t('start.web_in_use', { listen: error.listen }), 2);
          throw error;
        });
        if (web) cli.err(cli.t('start.web', { url: app.settings.web.url ?? web.address, address: web.address }));
        try {
          if (channels.length === 0) return await runConsoleSession(cli, app, defaultConsoleName(), null);
          const serving = await serveChannels(app, channels);
          const backups = scheduleBackups(app);
          cli.err(cli.t('start.serving', { channels: channels.map((c) => c.kind).join(', ') }));
          const ended = await Promise.race([waitForStopSignal().then((signal) => ({ signal })), serving.failed.then((stopped) => ({ stopped }))]);
          app.logger.info('stopping', 'signal' in ended ? { signal: ended.signal } : { channel: ended.stopped.channel });
          await serving.stop();
          await backups?.stop();
          if ('stopped' in ended) throw new CliError(cli.t('errors.channel_stopped', { channel: ended.stopped.channel, reason: ended.stopped.error.message }));
        } finally {
          await web?.close();
        }
      });
    });
}
