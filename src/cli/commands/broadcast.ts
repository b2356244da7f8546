import { counted } from '../../domain/text';
import { Command, Option } from 'commander';
import { parseAudience } from '../../broadcasts/audience';
import { planBroadcast, sendBroadcast } from '../../broadcasts/send-broadcast';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import { formatLocalDateTime } from '../../lib/local-time';
import { cliTime } from '../cli-time';
import { CliError, type CliContext } from '../cli-context';

const collect = (value: string, previous: string[]) => [...previous, value];

function pairs(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts).map(([key, n]) => `${key} ${n}`).join(', ') || '-';
}

/** `parlons broadcast`: a notice to everyone or a segment, now or later; `status` follows its delivery. */
export function broadcastCommand(cli: CliContext): Command {
  const command = new Command('broadcast')
    .description(cli.t('broadcast.description'))
    .option('--audience <spec>', cli.t('broadcast.audience'), collect, [])
    .option('--at <time>', cli.t('broadcast.at'))
    .option('--dry-run', cli.t('broadcast.dry_run'))
    .option('--db <file>', cli.t('options.db'));
  for (const language of SUPPORTED_LANGUAGES) command.addOption(new Option(`--text-${language} <text>`, cli.t('broadcast.text', { language })));
  command.action(async (options: Record<string, string | string[] | boolean | undefined>) => {
    await cli.withApp(options.db as string | undefined, {}, async (app) => {
      const { settings, store, clock } = app;
      const audience = parseAudience(options.audience as string[], settings.city);
      if (!Array.isArray(audience)) throw new CliError(cli.t(audience.key, audience.params));
      const texts: Partial<Record<Language, string>> = {};
      for (const language of SUPPORTED_LANGUAGES) {
        const value = options[`text${language[0]!.toUpperCase()}${language.slice(1)}`];
        if (typeof value === 'string' && value.trim() !== '') texts[language] = value.trim();
      }
      if (!texts[settings.defaultLanguage]) throw new CliError(cli.t('broadcast.needs_text', { language: settings.defaultLanguage }));
      const at = options.at as string | undefined;
      const sendAt = at === undefined ? clock.now() : cliTime(cli.t, at, settings.city.timeZone);
      const when = formatLocalDateTime(sendAt.toISOString(), settings.city.timeZone);
      if (options.dryRun) {
        const plan = planBroadcast(store, audience);
        cli.out(cli.t('broadcast.plan', { count: plan.total, channels: pairs(plan.byChannel), when }));
        if (plan.viaMediators > 0) cli.out(cli.t('broadcast.plan_via_mediators', { count: plan.viaMediators }));
        return;
      }
      const sent = sendBroadcast(store, { audience, texts, sendAt }, clock.now());
      app.logger.info('broadcast_queued', { broadcast: sent.id, recipients: sent.recipients, via_mediators: sent.viaMediators });
      cli.out(cli.t('broadcast.queued', { id: sent.id, count: sent.recipients, when }));
      if (sent.viaMediators > 0) cli.out(cli.t('broadcast.queued_via_mediators', { count: sent.viaMediators }));
    });
  });
  command
    .command('status')
    .description(cli.t('broadcast.status_description'))
    .argument('<id>', cli.t('broadcast.id'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: { json?: boolean; db?: string }) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const broadcast = /^\d+$/.test(id) ? app.store.broadcasts.find(Number(id)) : null;
        if (!broadcast) throw new CliError(cli.t('broadcast.not_found', { id }));
        const progress = app.store.broadcasts.progress(broadcast.id);
        if (options.json) return cli.out(JSON.stringify({ ...broadcast, progress }, null, 2));
        cli.out(cli.t('broadcast.status_header', { id: broadcast.id, people: counted('people', broadcast.recipients), when: formatLocalDateTime(broadcast.sendAt, app.settings.city.timeZone) }));
        const channels = [...new Set(progress.map((p) => p.channel))];
        for (const channel of channels) {
          const byStatus = Object.fromEntries(progress.filter((p) => p.channel === channel).map((p) => [cli.t(`outbox.status.${p.status}`), p.count]));
          cli.out(`  ${channel}: ${pairs(byStatus)}`);
        }
      });
    });
  return command;
}
