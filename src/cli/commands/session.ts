import { Command, Option } from 'commander';
import { agentText, type AssemblySession } from '../../domain/assembly-session';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import type { App } from '../../app/create-app';
import { formatLocalDateTime } from '../../lib/local-time';
import { timeProblemMessage } from '../cli-time';
import { formatReminderOffsets } from '../../lib/reminder-offsets';
import { addSession, cancelSession, editSession, type SessionChanges } from '../../sessions/manage-sessions';
import { readSessionFields, type SessionField } from '../../sessions/session-input';
import { listSessionOverviews } from '../../sessions/session-overview';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';

type Options = Record<string, string | boolean | undefined>;

const optionKey = (name: string, language: Language) => `${name}${language[0]!.toUpperCase()}${language.slice(1)}`;

/** The options of `session add` and `session edit`: one title and description per language. */
function withSessionOptions(command: Command, cli: CliContext): Command {
  for (const language of SUPPORTED_LANGUAGES) {
    command.addOption(new Option(`--title-${language} <text>`, cli.t('session.title', { language })));
    command.addOption(new Option(`--description-${language} <text>`, cli.t('session.description_option', { language })));
  }
  return command
    .option('--start <time>', cli.t('session.start'))
    .option('--end <time>', cli.t('session.end'))
    .option('--place <text>', cli.t('session.place'))
    .option('--reminders <offsets>', cli.t('session.reminders'))
    .option('--past', cli.t('session.past'))
    .option('--db <file>', cli.t('options.db'));
}

/** The texts given for `name` (`--title-fr`…), by language. */
function texts(options: Options, name: string): Partial<Record<Language, string>> {
  const given: Partial<Record<Language, string>> = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const value = options[optionKey(name, language)];
    if (typeof value === 'string') given[language] = value;
  }
  return given;
}

/** The option a problem is about, as the operator typed it. */
function optionOf(field: SessionField): string {
  return `--${field.replace('_', '-')}`;
}

/**
 * Reads and checks the options against the session being edited (or nothing, for a new one);
 * fails on the first problem. A start already past is refused (residents would be reminded of
 * nothing), unless `--past` says the session is recorded after the fact.
 */
function sessionFrom(cli: CliContext, app: App, options: Options, base: AssemblySession | null): SessionChanges {
  const { settings } = app;
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const reading = readSessionFields(
    { title: texts(options, 'title'), description: texts(options, 'description'), start: text('start'), end: text('end'), place: text('place'), reminders: text('reminders'), past: options.past === true },
    base,
    settings.city.timeZone,
    settings.defaultLanguage,
    app.clock.now(),
  );
  if (reading.ok) return reading.changes;
  const [problem] = reading.problems;
  switch (problem?.problem) {
    case 'bad_time':
    case 'skipped_time':
    case 'twice':
      throw new CliError(timeProblemMessage(cli.t, problem.value, settings.city.timeZone, problem));
    case 'start_past':
      throw new CliError(cli.t('session.start_past', { when: formatLocalDateTime(problem.when, settings.city.timeZone) }));
    case 'end_before_start':
      throw new CliError(cli.t('session.end_before_start'));
    case 'bad_reminders':
      throw new CliError(cli.t('session.bad_reminders', { value: problem.value }));
    default:
      throw new CliError(cli.t('session.missing', { option: optionOf(problem?.field ?? 'place') }));
  }
}

function findSession(cli: CliContext, app: App, id: string): AssemblySession {
  const session = /^\d+$/.test(id) ? app.store.sessions.find(Number(id)) : null;
  if (!session) throw new CliError(cli.t('session.not_found', { id }));
  return session;
}

/** `parlons session add|list|edit|cancel`: the assembly's sessions, with reminders and answers. */
export function sessionCommand(cli: CliContext): Command {
  const session = new Command('session').description(cli.t('session.command_description'));

  withSessionOptions(session.command('add').description(cli.t('session.add_description')), cli).action(async (options: Options) =>
    cli.withApp(options.db as string | undefined, {}, async (app) => {
      const changes = sessionFrom(cli, app, options, null);
      const id = addSession(app.store, changes, app.settings.reminderOffsets, app.clock.now());
      cli.out(cli.t('session.added', { id, when: formatLocalDateTime(changes.startsAt, app.settings.city.timeZone) }));
    }),
  );

  withSessionOptions(session.command('edit').description(cli.t('session.edit_description')).argument('<id>', cli.t('session.id')), cli).action(
    async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        const existing = findSession(cli, app, id);
        if (existing.status === 'cancelled') throw new CliError(cli.t('session.is_cancelled', { id }));
        editSession(app.store, existing.id, sessionFrom(cli, app, options, existing), app.settings.reminderOffsets, app.clock.now());
        cli.out(cli.t('session.edited', { id }));
      }),
  );

  session
    .command('cancel')
    .description(cli.t('session.cancel_description'))
    .argument('<id>', cli.t('session.id'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        const existing = findSession(cli, app, id);
        const told = cancelSession(app.store, existing.id, app.clock.now());
        cli.out(cli.t('session.cancelled', { id, count: told.direct + told.viaMediators }));
        if (told.viaMediators > 0) cli.out(cli.t('session.cancelled_via_mediators', { count: told.viaMediators }));
      }),
    );

  session
    .command('list')
    .description(cli.t('session.list_description'))
    .option('--all', cli.t('session.all'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: Options) =>
      cli.withApp(options.db as string | undefined, { access: 'read' }, async (app) => {
        const { store, settings, clock } = app;
        const sessions = listSessionOverviews(store, options.all ? null : clock.now(), options.all === true);
        if (options.json) return cli.out(JSON.stringify(sessions, null, 2));
        if (sessions.length === 0) return cli.out(cli.t('session.none'));
        const local = (iso: string) => formatLocalDateTime(iso, settings.city.timeZone);
        cli.out(
          formatTable(
            ['id', 'start', 'title', 'place', 'status', 'answers', 'reminders'].map((c) => cli.t(`session.column.${c}`)),
            sessions.map((s) => [
              String(s.id),
              local(s.startsAt),
              agentText(s.title, cli.language, settings.defaultLanguage),
              s.place,
              cli.t(`session.status.${s.status}`),
              cli.t('session.answers', s.answers),
              `${formatReminderOffsets(s.reminderOffsets ?? settings.reminderOffsets)} (${s.reminders.filter((r) => r.status === 'fired').length}✓)`,
            ]),
          ),
        );
        for (const s of sessions.filter((x) => x.rsvps.length > 0)) {
          cli.out(`${s.id}: ${s.rsvps.map((r) => `${r.firstName ?? `#${r.personId}`} ${cli.t(`session.answer.${r.answer}`)}`).join(', ')}`);
        }
      }),
    );
  return session;
}
