import { Command } from 'commander';
import { assignMediator, unassignMediator, type SupportChange } from '../../mediation/mediator-supports';
import { resolvePerson } from '../../people/resolve-person';
import { CLI_ACTOR, type Actor } from '../../roles/manage-roles';
import type { Store } from '../../store/store';
import { CliError, type CliContext } from '../cli-context';

/** One of `mediator assign|unassign`: both take a mediator and a person, change the support and say what happened. */
function supportCommand(
  cli: CliContext,
  name: 'assign' | 'unassign',
  change: (store: Store, mediatorId: number, personId: number, actor: Actor, now: Date) => SupportChange,
  said: { readonly done: string; readonly unchanged: string },
): Command {
  return new Command(name)
    .description(cli.t(`mediator.${name}_description`))
    .argument('<mediator>', cli.t('mediator.mediator_ref'))
    .argument('<person>', cli.t('person.ref'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (mediatorRef: string, personRef: string, options: { db?: string }) => {
      await cli.withApp(options.db, {}, async (app) => {
        const find = (ref: string) => {
          const id = resolvePerson(app.store, ref, app.settings.city.country);
          if (id === null) throw new CliError(cli.t('person.not_found', { ref }));
          return id;
        };
        const mediatorId = find(mediatorRef);
        const personId = find(personRef);
        const result = change(app.store, mediatorId, personId, CLI_ACTOR, app.clock.now());
        if ('problem' in result) throw new CliError(result.problem === 'self' ? cli.t('mediator.self') : cli.t('mediator.not_mediator', { id: mediatorId }));
        cli.out(cli.t(result.changed ? said.done : said.unchanged, { mediator: mediatorId, person: personId }));
      });
    });
}

/** `parlons mediator assign|unassign`: which people a mediator supports, besides those they registered. */
export function mediatorCommand(cli: CliContext): Command {
  return new Command('mediator')
    .description(cli.t('mediator.description'))
    .addCommand(supportCommand(cli, 'assign', assignMediator, { done: 'mediator.assigned', unchanged: 'mediator.assigned_already' }))
    .addCommand(supportCommand(cli, 'unassign', unassignMediator, { done: 'mediator.unassigned', unchanged: 'mediator.not_assigned' }));
}
