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

/** What `assign` or `unassign` changes, inside its transaction; false when nothing changed. */
type SupportChange = (app: App, mediatorId: number, personId: number, now: Date) => boolean;

/** One of `mediator assign|unassign`: both take a mediator and a person, change the support and say what happened. */
function supportCommand(cli: CliContext, name: 'assign' | 'unassign', change: SupportChange, said: { readonly done: string; readonly unchanged: string }): Command {
  return new Command(name)
    .description(cli.t(`mediator.${name}_description`))
    .argument('<mediator>', cli.t('mediator.mediator_ref'))
    .argument('<person>', cli.t('person.ref'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (mediatorRef: string, personRef: string, options: { db?: string }) => {
      await cli.withApp(options.db, {}, async (app) => {
        const { mediatorId, personId } = pair(cli, app, mediatorRef, personRef);
        const changed = inTransaction(app.store.db, () => change(app, mediatorId, personId, app.clock.now()));
        cli.out(cli.t(changed ? said.done : said.unchanged, { mediator: mediatorId, person: personId }));
      });
    });
}

const assign: SupportChange = ({ store }, mediatorId, personId, now) => {
  if (!store.mediation.addSupport(mediatorId, personId, 'assigned', now)) return false;
  audit(store, CLI_ACTOR, 'mediator_assigned', personId, now, { mediator_id: mediatorId });
  return true;
};

const unassign: SupportChange = ({ store }, mediatorId, personId, now) => {
  if (!store.mediation.removeSupport(mediatorId, personId)) return false;
  audit(store, CLI_ACTOR, 'mediator_unassigned', personId, now, { mediator_id: mediatorId });
  // A conversation the mediator holds for the person stops here too: their next message is their own.
  if (store.mediation.endActingFor(mediatorId, personId) > 0) audit(store, { ...CLI_ACTOR, actorId: mediatorId }, 'acting_ended', personId, now, { reason: 'unassigned' });
  return true;
};

/** `parlons mediator assign|unassign`: which people a mediator supports, besides those they registered. */
export function mediatorCommand(cli: CliContext): Command {
  return new Command('mediator')
    .description(cli.t('mediator.description'))
    .addCommand(supportCommand(cli, 'assign', assign, { done: 'mediator.assigned', unchanged: 'mediator.assigned_already' }))
    .addCommand(supportCommand(cli, 'unassign', unassign, { done: 'mediator.unassigned', unchanged: 'mediator.not_assigned' }));
}
