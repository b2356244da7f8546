import { text } from '../../domain/text';
import fs from 'node:fs';
import { Command } from 'commander';
import type { App } from '../../app/create-app';
import { closeConsultation, openConsultation } from '../../consultations/consultation-schedule';
import { readConsultationFile, type FileProblem } from '../../consultations/consultation-file';
import { agentText } from '../../domain/assembly-session';
import { formatLocalDateTime } from '../../lib/local-time';
import type { ConsultationRecord } from '../../store/consultations-repo';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';

type Options = Record<string, string | boolean | undefined>;

/** The consultation an operator names by its number, or a clear error. */
export function findConsultation(cli: CliContext, app: App, id: string): ConsultationRecord {
  const consultation = /^\d+$/.test(id) ? app.store.consultations.find(Number(id)) : null;
  if (!consultation) throw new CliError(cli.t('consultation.not_found', { id }));
  return consultation;
}

/** Where a problem is in the file: its line and path, as far as they are known. */
function where(cli: CliContext, problem: FileProblem): string {
  if (problem.line !== undefined) return cli.t(problem.path ? 'consultation.file.at_line_path' : 'consultation.file.at_line', { line: problem.line, path: problem.path });
  return problem.path;
}

/** `parlons consultation create|list|open|close`. */
export function consultationCommand(cli: CliContext): Command {
  const consultation = new Command('consultation').description(cli.t('consultation.command_description'));

  consultation
    .command('create')
    .description(cli.t('consultation.create_description'))
    .argument('<file>', cli.t('consultation.file_argument'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (file: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        let source: string;
        try {
          source = fs.readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError(cli.t('consultation.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
        }
        const zone = app.settings.city.timeZone;
        const read = readConsultationFile(source, zone, cli.language, cli.t);
        if (!read.ok) {
          const problems = read.problems
            .map((p) => {
              const at = where(cli, p);
              return `  - ${at ? cli.t('consultation.file.problem', { where: at, message: p.message }) : p.message}`;
            })
            .join('\n');
          throw new CliError(`${cli.t('consultation.invalid', { file, count: read.problems.length })}\n${problems}`);
        }
        const { definition } = read;
        const id = app.store.consultations.create(definition, app.clock.now());
        cli.out(
          cli.t('consultation.created', {
            id,
            title: agentText(definition.title, cli.language, app.settings.defaultLanguage),
            questions: text('consultations:question_count', { count: definition.questions.length }),
            opens: formatLocalDateTime(definition.opensAt, zone),
            closes: formatLocalDateTime(definition.closesAt, zone),
          }),
        );
      }),
    );

  consultation
    .command('list')
    .description(cli.t('consultation.list_description'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: Options) =>
      cli.withApp(options.db as string | undefined, { access: 'read' }, async (app) => {
        const { store, settings } = app;
        const list = store.consultations.list().map((c) => ({ ...c, ballots: store.consultations.participants(c.id) }));
        if (options.json) {
          cli.out(JSON.stringify(list, null, 2));
          return;
        }
        const zone = settings.city.timeZone;
        const rows = list.map((c) => [
          String(c.id),
          agentText(c.title, cli.language, settings.defaultLanguage),
          cli.t(`results.status.${c.status}`),
          formatLocalDateTime(c.opensAt, zone),
          formatLocalDateTime(c.closesAt, zone),
          String(c.ballots),
        ]);
        const columns = ['id', 'title', 'status', 'opens', 'closes', 'participants'].map((k) => cli.t(`consultation.columns.${k}`));
        cli.out(rows.length === 0 ? cli.t('consultation.none') : formatTable(columns, rows));
      }),
    );

  consultation
    .command('open')
    .description(cli.t('consultation.open_description'))
    .argument('<id>', cli.t('consultation.id'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        const found = findConsultation(cli, app, id);
        if (found.status !== 'scheduled') throw new CliError(cli.t(`consultation.already_${found.status}`, { id }));
        const invited = openConsultation(app.store, app.conversations, found.id, app.clock.now());
        cli.out(cli.t('consultation.opened', { id, count: invited }));
      }),
    );

  consultation
    .command('close')
    .description(cli.t('consultation.close_description'))
    .argument('<id>', cli.t('consultation.id'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, async (app) => {
        const found = findConsultation(cli, app, id);
        if (found.status === 'closed') throw new CliError(cli.t('consultation.already_closed', { id }));
        closeConsultation(app.store, found.id, app.clock.now());
        cli.out(cli.t('consultation.closed', { id, count: app.store.consultations.participants(found.id) }));
      }),
    );
  return consultation;
}
