import fs from 'node:fs';
import { Command } from 'commander';
import { BackupKeyError } from '../../backup/backup-file';
import { BackupUnreadableError, restoreBackup } from '../../backup/restore-backup';
import { loadSettings } from '../../config/settings';
import { CliError, type CliContext } from '../cli-context';

/**
 * `parlons restore <file> --yes`: replaces the database with a backup. Refused while a process
 * serves the database (exit code 4); the replaced database is kept aside.
 */
export function restoreCommand(cli: CliContext): Command {
  return new Command('restore')
    .description(cli.t('restore.description'))
    .argument('<file>', cli.t('restore.file'))
    .option('--yes', cli.t('restore.yes'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (file: string, options: { yes?: boolean; db?: string }) => {
      const settings = loadSettings(options.db ? { ...cli.env, PARLONS_DB: options.db } : cli.env);
      if (!fs.existsSync(file)) throw new CliError(cli.t('restore.no_such_file', { file }));
      if (!options.yes) throw new CliError(cli.t('restore.needs_yes', { file, db: settings.dbFile }));
      let report;
      try {
        report = await restoreBackup(file, settings.dbFile, settings.backup.key, new Date());
      } catch (error) {
        if (error instanceof BackupKeyError) throw new CliError(cli.t(`restore.${error.reason}`, { file }));
        if (error instanceof BackupUnreadableError) throw new CliError(cli.t('restore.unreadable', { file, detail: error.detail }));
        throw error;
      }
      cli.out(cli.t('restore.done', { file, db: settings.dbFile, version: report.toVersion }));
      const reconciled = report.reconciliation;
      cli.out(
        reconciled
          ? cli.t('restore.reconciled', { settled: reconciled.settled + reconciled.dropped, erased: reconciled.erasedAfter.length, waiting: report.waiting })
          : cli.t('restore.not_reconciled', { waiting: report.waiting }),
      );
      if (report.replacedKeptAs) cli.out(cli.t('restore.replaced_kept', { file: report.replacedKeptAs }));
    });
}
