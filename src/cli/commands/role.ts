import { Command } from 'commander';
import { isChannelKind } from '../../domain/channel-kind';
import { GRANTABLE_ROLES, isGrantableRole, isStaffRole, STAFF_ROLES, type GrantableRole } from '../../domain/role';
import { formatLocalDateTime } from '../../lib/local-time';
import { CLI_ACTOR, createInvitation, grantRole, revokeRole, roleOrganisation } from '../../roles/manage-roles';
import { inTransaction } from '../../store/database';
import type { Store } from '../../store/store';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';
import { resolvePerson } from '../../people/resolve-person';

type Options = { db?: string; organisation?: string; json?: boolean };

function roleOf(cli: CliContext, value: string): GrantableRole {
  if (!isGrantableRole(value)) throw new CliError(cli.t('role.unknown_role', { role: value, roles: GRANTABLE_ROLES.join(', ') }));
  return value;
}

/**
 * The person a reference names; a `channel:address` nobody wrote from yet becomes a new person
 * with that contact point, so that a mediator can be given the role before their first message.
 */
function personFor(cli: CliContext, store: Store, ref: string, country: string, now: Date): number {
  const found = resolvePerson(store, ref, country);
  if (found !== null) return found;
  const separator = ref.indexOf(':');
  const channel = ref.slice(0, separator);
  const address = ref.slice(separator + 1).trim();
  if (separator <= 0 || !isChannelKind(channel) || channel === 'sms' || address === '') throw new CliError(cli.t('person.not_found', { ref }));
  const personId = store.people.create(null, now);
  store.contacts.create(personId, channel, address, now);
  return personId;
}

/** The organisation given for a role; a mediator acts for one, so theirs is required. */
function organisationFor(cli: CliContext, role: GrantableRole, value: string | undefined): string | null {
  const given = roleOrganisation(role, value);
  if (!given) throw new CliError(cli.t('role.needs_organisation'));
  return given.organisation;
}

/** `parlons role grant|revoke|invite|list`: who may use the mediation and agent desks in chat. */
export function roleCommand(cli: CliContext): Command {
  const role = new Command('role').description(cli.t('role.description'));
  role
    .command('grant')
    .description(cli.t('role.grant_description'))
    .argument('<person>', cli.t('role.person_ref'))
    .argument('<role>', cli.t('role.role', { roles: GRANTABLE_ROLES.join('|') }))
    .option('--organisation <name>', cli.t('role.organisation'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (ref: string, name: string, options: Options) => {
      const chosen = roleOf(cli, name);
      const organisation = organisationFor(cli, chosen, options.organisation);
      await cli.withApp(options.db, {}, async (app) => {
        const now = app.clock.now();
        const { id, granted } = inTransaction(app.store.db, () => {
          const personId = personFor(cli, app.store, ref, app.settings.city.country, now);
          return { id: personId, granted: grantRole(app.store, personId, chosen, organisation, CLI_ACTOR, now) };
        });
        cli.out(cli.t(granted ? 'role.granted' : 'role.held_already', { id, role: chosen }));
      });
    });
  role
    .command('revoke')
    .description(cli.t('role.revoke_description'))
    .argument('<person>', cli.t('person.ref'))
    .argument('<role>', cli.t('role.role', { roles: GRANTABLE_ROLES.join('|') }))
    .option('--db <file>', cli.t('options.db'))
    .action(async (ref: string, name: string, options: Options) => {
      const chosen = roleOf(cli, name);
      await cli.withApp(options.db, {}, async (app) => {
        const id = resolvePerson(app.store, ref, app.settings.city.country);
        if (id === null) throw new CliError(cli.t('person.not_found', { ref }));
        const revoked = inTransaction(app.store.db, () => revokeRole(app.store, id, chosen, CLI_ACTOR, app.clock.now()));
        cli.out(cli.t(revoked ? 'role.revoked' : 'role.not_held', { id, role: chosen }));
      });
    });
  role
    .command('invite')
    .description(cli.t('role.invite_description'))
    .argument('<role>', cli.t('role.role', { roles: STAFF_ROLES.join('|') }))
    .option('--organisation <name>', cli.t('role.organisation'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (name: string, options: Options) => {
      if (!isStaffRole(name)) throw new CliError(cli.t('role.unknown_role', { role: name, roles: STAFF_ROLES.join(', ') }));
      const organisation = organisationFor(cli, name, options.organisation);
      await cli.withApp(options.db, {}, async (app) => {
        const now = app.clock.now();
        const { code, expiresAt } = inTransaction(app.store.db, () => createInvitation(app.store, name, organisation, CLI_ACTOR, now));
        cli.out(cli.t('role.invited', { code, role: name, until: formatLocalDateTime(expiresAt.toISOString(), app.settings.city.timeZone) }));
      });
    });
  role
    .command('list')
    .description(cli.t('role.list_description'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: Options) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const holders = app.store.people.roleHolders([...GRANTABLE_ROLES]);
        if (options.json) return cli.out(JSON.stringify(holders.map((h) => ({ person_id: h.personId, role: h.role, organisation: h.organisation, granted_at: h.grantedAt })), null, 2));
        if (holders.length === 0) return cli.out(cli.t('role.none'));
        const zone = app.settings.city.timeZone;
        cli.out(
          formatTable(
            ['person', 'role', 'organisation', 'granted_at'].map((c) => cli.t(`role.column.${c}`)),
            holders.map((h) => [String(h.personId), h.role, h.organisation ?? '', formatLocalDateTime(h.grantedAt, zone)]),
          ),
        );
      });
    });
  return role;
}
