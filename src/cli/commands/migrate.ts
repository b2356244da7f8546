import { Command } from 'commander';
import { openDatabase } from '../../store/database';
import { migrate } from '../../store/migrate';
import { naming } from '../../store/store-problem';
import { loadSettings } from '../../config/settings';
import type { CliContext } from '../cli-context';

/** `parlons migrate`: brings the database schema up to date and says what it did. */
export function migrateCommand(cli: CliContext): Command {
  return new Command('migrate')
    .description(cli.t('migrate.description'))
    .option('--db <file>', cli.t('options.db'))
    .action((options: { db?: string }) => {
      const settings = loadSettings(options.db ? { ...cli.env, PARLONS_DB: options.db } : cli.env);
      const db = openDatabase(settings.dbFile);
      try {
        const report = naming(settings.dbFile, () => migrate(db));
        cli.out(
          report.applied.length === 0
            ? cli.t('migrate.up_to_date', { version: report.to, file: settings.dbFile })
            : cli.t('migrate.done', { from: report.from, to: report.to, names: report.applied.join(', '), file: settings.dbFile }),
        );
      } finally {
        db.close();
      }
    });
}
