import { Command } from 'commander';
import { listVolunteers } from '../../volunteers/list-volunteers';
import type { CliContext } from '../cli-context';
import { formatTable } from '../format-table';

/** `parlons volunteers`: the current volunteers, as a table or as JSON. */
export function volunteersCommand(cli: CliContext): Command {
  return new Command('volunteers')
    .description(cli.t('volunteers.description'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { json?: boolean; db?: string }) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const volunteers = listVolunteers(app.store, app.settings.city);
        if (options.json) return cli.out(JSON.stringify(volunteers, null, 2));
        if (volunteers.length === 0) return cli.out(cli.t('volunteers.none'));
        const label = (field: string, value: string) => app.translator.render({ key: `profile:${field}.${value}` }, cli.language);
        cli.out(
          formatTable(
            ['id', 'first_name', 'neighbourhood', 'age_bracket', 'gender', 'equipment', 'language', 'contacts'].map((c) => cli.t(`volunteers.column.${c}`)),
            volunteers.map((v) => [
              String(v.id),
              v.first_name,
              v.neighbourhood === 'other' ? label('neighbourhood', 'other') : v.neighbourhood_name,
              label('age_bracket', v.age_bracket),
              label('gender', v.gender),
              label('equipment', v.equipment),
              v.language ?? '',
              v.contact_points.map((c) => `${c.channel}:${c.address}`).join(' '),
            ]),
          ),
        );
        cli.out(cli.t('volunteers.count', { count: volunteers.length }));
      });
    });
}
