import { counted } from '../../domain/text';
import { Command } from 'commander';
import { collectStats } from '../../reporting/collect-stats';
import type { CliContext } from '../cli-context';

/** `parlons stats`: counts only, never names. */
export function statsCommand(cli: CliContext): Command {
  return new Command('stats')
    .description(cli.t('stats.description'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { json?: boolean; db?: string }) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const stats = collectStats(app.store);
        if (options.json) return cli.out(JSON.stringify(stats, null, 2));
        const pairs = (counts: Readonly<Record<string, number>>) =>
          Object.entries(counts)
            .map(([key, n]) => `${key} ${n}`)
            .join(', ') || '-';
        cli.out(cli.t('stats.people', { people: stats.people, volunteers: stats.volunteers, withdrawn: stats.withdrawn, opted_out: stats.opted_out }));
        cli.out(cli.t('stats.contact_points', { list: pairs(stats.contact_points) }));
        cli.out(cli.t('stats.sources', { list: pairs(stats.people_by_source) }));
        for (const [field, counts] of Object.entries(stats.volunteers_by)) {
          cli.out(cli.t('stats.by', { field: cli.t(`stats.field.${field}`), list: pairs(counts) }));
        }
        cli.out(cli.t('stats.outbox', { list: pairs(stats.outbox) }));
        // Every SMS costs money: the month's bill, in segments, comes first among the counters.
        const month = app.clock.now().toISOString().slice(0, 7);
        const segments = stats.monthly.find((row) => row.name === 'sms_segment_sent' && row.month === month)?.value ?? 0;
        cli.out(cli.t('stats.sms_segments', { month, segments: counted('segments', segments) }));
        for (const row of stats.monthly) cli.out(cli.t('stats.monthly', { month: row.month, name: row.name, value: row.value }));
      });
    });
}
