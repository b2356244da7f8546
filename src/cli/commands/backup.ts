import path from 'node:path';
import { Command } from 'commander';
import { backupName } from '../../backup/backup-schedule';
import { takeBackup } from '../../backup/take-backup';
import { CliError, type CliContext } from '../cli-context';

/**
 * `parlons backup [file]`: a consistent copy of the database, taken while the bot serves,
 * encrypted when PARLONS_BACKUP_KEY is set. Without a file, it goes in PARLONS_BACKUP_DIR.
 */
export function backupCommand(cli: CliContext): Command {
  return new Command('backup')
    .description(cli.t('backup.description'))
    .argument('[file]', cli.t('backup.file'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (file: string | undefined, options: { db?: string }) => {
      // Reading is all a backup needs: it works on a full or read-only disk as long as the copy can be written.
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const { dir, key } = app.settings.backup;
        if (file === undefined && dir === null) throw new CliError(cli.t('backup.no_file'));
        const target = file ?? path.join(dir ?? '', backupName(app.clock.now(), key !== null));
        const written = await takeBackup(app.store.db, target, key);
        cli.out(cli.t(written.encrypted ? 'backup.done_encrypted' : 'backup.done_plain', { file: written.file, size: (written.bytes / 1024 / 1024).toFixed(1) }));
      });
    });
}
