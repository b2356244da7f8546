import { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { defaultConsoleName, runConsoleSession } from './chat';

/**
 * `parlons start` (what `npm start` runs): serves every configured channel. With none
 * configured, it opens the console chat, so that a new user sees the bot at once.
 */
export function startCommand(cli: CliContext): Command {
  return new Command('start')
    .description(cli.t('start.description'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { db?: string }) => {
      const app = cli.openApp(options.db, 'warn');
      try {
        app.logger.info('console_chat', { reason: 'no_channel_configured' });
        await runConsoleSession(cli, app, defaultConsoleName(), null);
      } finally {
        app.close();
      }
    });
}
