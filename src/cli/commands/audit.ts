import { Command } from 'commander';
import { listAudit } from '../../audit/list-audit';
import { formatLocalDateTime } from '../../lib/local-time';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';
import { resolvePerson } from '../../people/resolve-person';

type Options = { db?: string; person?: string; mediator?: string; json?: boolean; limit?: string };

/** `parlons audit`: what staff did, and what mediators did for whom. */
export function auditCommand(cli: CliContext): Command {
  return new Command('audit')
    .description(cli.t('audit.description'))
    .option('--person <person>', cli.t('audit.person'))
    .option('--mediator <person>', cli.t('audit.mediator'))
    .option('--limit <n>', cli.t('audit.limit'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: Options) => {
      if (options.limit !== undefined && !/^[1-9]\d*$/.test(options.limit)) throw new CliError(cli.t('audit.bad_limit', { value: options.limit }));
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const country = app.settings.city.country;
        const find = (ref: string | undefined) => {
          if (ref === undefined) return undefined;
          const id = resolvePerson(app.store, ref, country);
          if (id === null) throw new CliError(cli.t('person.not_found', { ref }));
          return id;
        };
        const personId = find(options.person);
        const mediatorId = find(options.mediator);
        const events = listAudit(app.store, { ...(personId !== undefined ? { personId } : {}), ...(mediatorId !== undefined ? { mediatorId } : {}) }, options.limit ? Number(options.limit) : undefined);
        if (options.json) return cli.out(JSON.stringify(events, null, 2));
        if (events.length === 0) return cli.out(cli.t('audit.none'));
        const zone = app.settings.city.timeZone;
        const who = (id: number | null, fallback: string) => (id === null ? fallback : `n° ${id}`);
        cli.out(
          formatTable(
            ['at', 'action', 'by', 'for', 'via', 'detail'].map((c) => cli.t(`audit.column.${c}`)),
            events.map((e) => [
              formatLocalDateTime(e.at, zone),
              app.translator.render({ key: `audit:action.${e.action}` }, cli.language),
              who(e.actor_id, e.via === 'cli' ? cli.t('audit.admin') : cli.t('audit.gone')) + (e.actor_organisation ? ` (${e.actor_organisation})` : ''),
              e.subject_id === null ? '-' : `n° ${e.subject_id}`,
              e.via,
              Object.entries(e.detail).map(([k, v]) => `${k}=${String(v)}`).join(' '),
            ]),
          ),
        );
        cli.out(cli.t('audit.count', { count: events.length }));
      });
    });
}
