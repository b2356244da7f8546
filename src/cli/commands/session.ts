import { Command, Option } from 'commander';
import { agentText, type AgentText, type AssemblySession } from '../../domain/assembly-session';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import type { App } from '../../app/create-app';
import { formatLocalDateTime } from '../../lib/local-time';
import { parseLocalTime } from '../../lib/local-time-input';
import { formatReminderOffsets, parseReminderOffsets } from '../../lib/reminder-offsets';
import { addSession, cancelSession, editSession, type SessionChanges } from '../../sessions/manage-sessions';
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
    .option('--db <file>', cli.t('options.db'));
}

function texts(options: Options, name: string, base: AgentText | null): AgentText | null {
  const result: Partial<Record<Language, string>> = { ...(base ?? {}) };
  for (const language of SUPPORTED_LANGUAGES) {
    const value = options[optionKey(name, language)];
    if (typeof value === 'string') result[language] = value.trim();
  }
  const given = Object.fromEntries(Object.entries(result).filter(([, v]) => v !== ''));
  return Object.keys(given).length > 0 ? given : null;
}

/** Reads and checks the options against the session being edited (or nothing, for a new one). */
function sessionFrom(cli: CliContext, app: App, options: Options, base: AssemblySession | null): SessionChanges {
  const { settings } = app;
  const time = (value: unknown, fallback: string | undefined, name: string): string => {
    if (typeof value !== 'string') {
      if (fallback) return fallback;
      throw new CliError(cli.t('session.missing', { option: name }));
    }
    const parsed = parseLocalTime(value, settings.city.timeZone);
    if (!parsed) throw new CliError(cli.t('broadcast.bad_time', { value, zone: settings.city.timeZone }));
    return parsed.toISOString();
  };
  const title = texts(options, 'title', base?.title ?? null);
  if (!title?.[settings.defaultLanguage]) throw new CliError(cli.t('session.missing', { option: `--title-${settings.defaultLanguage}` }));
  const startsAt = time(options.start, base?.startsAt, '--start');
  const endsAt = time(options.end, base?.endsAt, '--end');
  if (endsAt <= startsAt) throw new CliError(cli.t('session.end_before_start'));
  const place = typeof options.place === 'string' ? options.place.trim() : base?.place;
  if (!place) throw new CliError(cli.t('session.missing', { option: '--place' }));
  let reminderOffsets = base?.reminderOffsets ?? null;
  if (typeof options.reminders === 'string') {
    reminderOffsets = parseReminderOffsets(options.reminders);
    if (!reminderOffsets) throw new CliError(cli.t('session.bad_reminders', { value: options.reminders }));
  }
  return { title, description: texts(options, 'description', base?.description ?? null), place, startsAt, endsAt, reminderOffsets };
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
        const told = cancelSession(app.store, existing.id, app.settings.defaultLanguage, app.clock.now());
        cli.out(cli.t('session.cancelled', { id, count: told }));
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
        const sessions = store.sessions.list(options.all ? null : clock.now(), options.all === true).map((s) => {
          const rsvps = store.sessions.rsvps(s.id);
          const count = (answer: string) => rsvps.filter((r) => r.answer === answer).length;
          return { ...s, answers: { yes: count('yes'), no: count('no'), maybe: count('maybe') }, rsvps, reminders: store.sessions.remindersOf(s.id) };
        });
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
