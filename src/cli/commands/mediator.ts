import { Command } from 'commander';
import { audit, CLI_ACTOR } from '../../roles/manage-roles';
import { inTransaction } from '../../store/database';
import { CliError, type CliContext } from '../cli-context';
import { resolvePerson } from '../person-ref';
import type { App } from '../../app/create-app';

/** The mediator and the person two references name; fails kindly when either is not what it should be. */
function pair(cli: CliContext, app: App, mediatorRef: string, personRef: string): { mediatorId: number; personId: number } {
  const country = app.settings.city.country;
  const mediatorId = resolvePerson(app.store, mediatorRef, country);
  if (mediatorId === null) throw new CliError(cli.t('person.not_found', { ref: mediatorRef }));
  if (!app.store.people.find(mediatorId)?.roles.includes('mediator')) throw new CliError(cli.t('mediator.not_mediator', { id: mediatorId }));
  const personId = resolvePerson(app.store, personRef, country);
  if (personId === null) throw new CliError(cli.t('person.not_found', { ref: personRef }));
  if (personId === mediatorId) throw new CliError(cli.t('mediator.self'));
  return { mediatorId, personId };
}

/** `parlons mediator assign|unassign`: which people a mediator supports, besides those they registered. */
export function mediatorCommand(cli: CliContext): Command {
  const mediator = new Command('mediator').description(cli.t('mediator.description'));
  mediator
    .command('assign')
    .description(cli.t('mediator.assign_description'))
    .argument('<mediator>', cli.t('mediator.mediator_ref'))
    .argument('<person>', cli.t('person.ref'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (mediatorRef: string, personRef: string, options: { db?: string }) => {
      await cli.withApp(options.db, {}, async (app) => {
        const { mediatorId, personId } = pair(cli, app, mediatorRef, personRef);
        const now = app.clock.now();
        const added = inTransaction(app.store.db, () => {
          if (!app.store.mediation.addSupport(mediatorId, personId, 'assigned', now)) return false;
          audit(app.store, CLI_ACTOR, 'mediator_assigned', personId, now, { mediator_id: mediatorId });
          return true;
        });
        cli.out(cli.t(added ? 'mediator.assigned' : 'mediator.assigned_already', { mediator: mediatorId, person: personId }));
      });
    });
  mediator
    .command('unassign')
    .description(cli.t('mediator.unassign_description'))
    .argument('<mediator>', cli.t('mediator.mediator_ref'))
    .argument('<person>', cli.t('person.ref'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (mediatorRef: string, personRef: string, options: { db?: string }) => {
      await cli.withApp(options.db, {}, async (app) => {
        const { mediatorId, personId } = pair(cli, app, mediatorRef, personRef);
        const now = app.clock.now();
        const removed = inTransaction(app.store.db, () => {
          if (!app.store.mediation.removeSupport(mediatorId, personId)) return false;
          audit(app.store, CLI_ACTOR, 'mediator_unassigned', personId, now, { mediator_id: mediatorId });
          // A conversation the mediator holds for the person stops here too: their next message is their own.
          if (app.store.mediation.endActingFor(mediatorId, personId) > 0) {
            audit(app.store, { ...CLI_ACTOR, actorId: mediatorId }, 'acting_ended', personId, now, { reason: 'unassigned' });
          }
          return true;
        });
        cli.out(cli.t(removed ? 'mediator.unassigned' : 'mediator.not_assigned', { mediator: mediatorId, person: personId }));
      });
    });
  return mediator;
}
