import { Command } from 'commander';
import { inTransaction } from '../../store/database';
import { erasePerson } from '../../privacy/erase-person';
import { exportPerson } from '../../privacy/export-person';
import { CliError, type CliContext } from '../cli-context';
import { resolvePerson } from '../../people/resolve-person';

/** `parlons person export|erase`: the rights of access and erasure, for requests made to agents. */
export function personCommand(cli: CliContext): Command {
  const person = new Command('person').description(cli.t('person.description'));
  person
    .command('export')
    .description(cli.t('person.export_description'))
    .argument('<person>', cli.t('person.ref'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (ref: string, options: { db?: string }) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const id = resolvePerson(app.store, ref, app.settings.city.country);
        const document = id === null ? null : exportPerson(app.store, id);
        if (!document) throw new CliError(cli.t('person.not_found', { ref }));
        cli.out(JSON.stringify(document, null, 2));
      });
    });
  person
    .command('erase')
    .description(cli.t('person.erase_description'))
    .argument('<person>', cli.t('person.ref'))
    .option('--yes', cli.t('person.yes'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (ref: string, options: { yes?: boolean; db?: string }) => {
      await cli.withApp(options.db, {}, async (app) => {
        const id = resolvePerson(app.store, ref, app.settings.city.country);
        if (id === null) throw new CliError(cli.t('person.not_found', { ref }));
        if (!options.yes) throw new CliError(cli.t('person.erase_needs_yes', { id, ref }));
        inTransaction(app.store.db, () => erasePerson(app.store, id, app.clock.now()));
        app.logger.info('person_erased', { by: 'cli' });
        cli.out(cli.t('person.erased', { id }));
      });
    });
  return person;
}
