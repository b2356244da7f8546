import { Command, Option } from 'commander';
import { agentText, type AgentText } from '../../domain/assembly-session';
import { IDEA_STATUSES, type IdeaStatus } from '../../domain/idea';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import { approveIdea, closeIdeaCall, mergeIdea, openIdeaCall, rejectIdea, type Decision, type ModerationProblem } from '../../ideas/moderate-ideas';
import { formatLocalDateTime } from '../../lib/local-time';
import { readIdeaCallFields } from '../../ideas/idea-call-input';
import { timeProblemMessage } from '../cli-time';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';

type Options = Record<string, string | boolean | undefined>;

function ideaId(cli: CliContext, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(cli.t('ideas.not_found', { id: value }));
  return Number(value);
}

/** Prints a decision, or fails with what prevented it. */
function report(cli: CliContext, result: Decision | ModerationProblem, done: string, id: number): void {
  if ('problem' in result) throw new CliError(cli.t(`ideas.${result.problem}`, { id: result.id }));
  const told = result.throughMediators ? 'ideas.author_told_mediators' : result.told ? 'ideas.author_told' : 'ideas.author_not_told';
  cli.out(`${cli.t(done, { id })} ${cli.t(told)}`);
}

function withDb(command: Command, cli: CliContext): Command {
  return command.option('--db <file>', cli.t('options.db'));
}

/** `parlons ideas call …`: open, close and list calls for ideas. */
function callCommand(cli: CliContext): Command {
  const call = new Command('call').description(cli.t('ideas.call_description'));
  const open = call.command('open').description(cli.t('ideas.call_open_description')).requiredOption('--until <time>', cli.t('ideas.until')).option('--from <time>', cli.t('ideas.from'));
  for (const language of SUPPORTED_LANGUAGES) open.addOption(new Option(`--theme-${language} <text>`, cli.t('ideas.theme', { language })));
  withDb(open, cli).action(async (options: Options) =>
    cli.withApp(options.db as string | undefined, {}, async (app) => {
      const now = app.clock.now();
      const zone = app.settings.city.timeZone;
      const theme: Partial<Record<Language, string>> = {};
      for (const language of SUPPORTED_LANGUAGES) {
        const value = options[`theme${language[0]!.toUpperCase()}${language.slice(1)}`];
        if (typeof value === 'string') theme[language] = value;
      }
      const read = readIdeaCallFields({ ...(typeof options.from === 'string' ? { from: options.from } : {}), until: String(options.until), theme }, zone, now);
      if (!read.ok) {
        const [problem] = read.problems;
        if (problem && 'value' in problem) throw new CliError(timeProblemMessage(cli.t, problem.value, zone, problem));
        throw new CliError(cli.t('ideas.until_before_from'));
      }
      const { opensAt, closesAt } = read.call;
      const result = openIdeaCall(app.store, read.call, now);
      if (typeof result !== 'number') throw new CliError(cli.t('ideas.call_overlaps', { id: result.overlaps.id, from: formatLocalDateTime(result.overlaps.opensAt, zone), until: formatLocalDateTime(result.overlaps.closesAt, zone) }));
      cli.out(cli.t('ideas.call_opened', { id: result, from: formatLocalDateTime(opensAt, zone), until: formatLocalDateTime(closesAt, zone) }));
    }),
  );
  withDb(call.command('close').description(cli.t('ideas.call_close_description')), cli).action(async (options: Options) =>
    cli.withApp(options.db as string | undefined, {}, async (app) => {
      const open = closeIdeaCall(app.store, app.clock.now());
      if (!open) throw new CliError(cli.t('ideas.no_open_call'));
      cli.out(cli.t('ideas.call_closed', { id: open.id }));
    }),
  );
  withDb(call.command('list').description(cli.t('ideas.call_list_description')), cli).action(async (options: Options) =>
    cli.withApp(options.db as string | undefined, { access: 'read' }, async (app) => {
      const zone = app.settings.city.timeZone;
      const rows = app.store.ideas.calls().map((c) => [
        String(c.id),
        formatLocalDateTime(c.opensAt, zone),
        formatLocalDateTime(c.closesAt, zone),
        c.theme ? agentText(c.theme as AgentText, cli.language, app.settings.defaultLanguage) : '',
      ]);
      cli.out(rows.length === 0 ? cli.t('ideas.no_calls') : formatTable([cli.t('ideas.columns.id'), cli.t('ideas.columns.opens'), cli.t('ideas.columns.closes'), cli.t('ideas.columns.theme')], rows));
    }),
  );
  return call;
}

/** `parlons ideas …`: calls for ideas, and moderation (list, approve, reject, merge). */
export function ideasCommand(cli: CliContext): Command {
  const ideas = new Command('ideas').description(cli.t('ideas.command_description'));
  ideas.addCommand(callCommand(cli));

  withDb(
    ideas
      .command('list')
      .description(cli.t('ideas.list_description'))
      .addOption(new Option('--status <status>', cli.t('ideas.status')).choices([...IDEA_STATUSES, 'all']).default('pending'))
      .option('--json', cli.t('options.json')),
    cli,
  ).action(async (options: Options) =>
    cli.withApp(options.db as string | undefined, { access: 'read' }, async (app) => {
      const status = options.status === 'all' ? undefined : (options.status as IdeaStatus);
      const list = app.store.ideas.list(status ? { status } : {});
      if (options.json) {
        cli.out(JSON.stringify(list.map(({ authorId: _author, authorLanguage: _language, ...idea }) => idea), null, 2));
        return;
      }
      const zone = app.settings.city.timeZone;
      const neighbourhood = (id: string | null) => app.settings.city.neighbourhoods.find((n) => n.id === id)?.name ?? '';
      const rows = list.map((i) => [String(i.id), cli.t(`ideas.statuses.${i.status}`), i.title, neighbourhood(i.neighbourhood), String(i.supporters), formatLocalDateTime(i.submittedAt, zone)]);
      cli.out(
        rows.length === 0
          ? cli.t('ideas.none')
          : `${formatTable([cli.t('ideas.columns.id'), cli.t('ideas.columns.status'), cli.t('ideas.columns.title'), cli.t('ideas.columns.neighbourhood'), cli.t('ideas.columns.supporters'), cli.t('ideas.columns.submitted')], rows)}\n${list.map((i) => `#${i.id} ${i.body}`).join('\n')}`,
      );
    }),
  );

  withDb(ideas.command('approve').description(cli.t('ideas.approve_description')).argument('<id>', cli.t('ideas.id')), cli).action(async (id: string, options: Options) =>
    cli.withApp(options.db as string | undefined, {}, async (app) => report(cli, approveIdea(app.store, ideaId(cli, id), app.clock.now()), 'ideas.approved', Number(id))),
  );

  withDb(ideas.command('reject').description(cli.t('ideas.reject_description')).argument('<id>', cli.t('ideas.id')).requiredOption('--reason <text>', cli.t('ideas.reason')), cli).action(
    async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        const reason = String(options.reason).trim();
        if (reason === '') throw new CliError(cli.t('ideas.reason_required'));
        report(cli, rejectIdea(app.store, ideaId(cli, id), reason, app.clock.now()), 'ideas.rejected', Number(id));
      }),
  );

  withDb(ideas.command('merge').description(cli.t('ideas.merge_description')).argument('<id>', cli.t('ideas.id')).requiredOption('--into <id>', cli.t('ideas.into')), cli).action(
    async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) =>
        report(cli, mergeIdea(app.store, ideaId(cli, id), ideaId(cli, String(options.into)), app.clock.now()), 'ideas.merged', Number(id)),
      ),
  );
  return ideas;
}
