import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { QuestionResult } from '../../domain/consultation-results';
import { RESULT_FORMATS, resultsCsv, resultsJson, resultsSvg, resultsTable, type ResultFormat, type ResultsWords } from '../../results/format-results';
import { tallyConsultation } from '../../results/tally';
import { CliError, type CliContext } from '../cli-context';
import { findConsultation } from './consultation';

type Options = { format: ResultFormat; output?: string; question?: string; db?: string };

/** `parlons results <id> [--format table|csv|json|svg] [--output file] [--question id]`. */
export function resultsCommand(cli: CliContext): Command {
  return new Command('results')
    .description(cli.t('results.description'))
    .argument('<id>', cli.t('consultation.id'))
    .addOption(new Option('--format <format>', cli.t('results.format')).choices([...RESULT_FORMATS]).default('table'))
    .option('--output <file>', cli.t('results.output'))
    .option('--question <id>', cli.t('results.question_option'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db, { access: 'read' }, async (app) => {
        const consultation = findConsultation(cli, app, id);
        const results = tallyConsultation(consultation, app.store.consultations.answers(consultation.id));
        const w: ResultsWords = { language: cli.language, defaultLanguage: app.settings.defaultLanguage, t: cli.t };
        let document: string;
        if (options.format === 'svg') {
          const judged = results.questions.filter((q): q is Extract<QuestionResult, { kind: 'majority_judgment' }> => q.kind === 'majority_judgment');
          const question = options.question ? judged.find((q) => q.question.id === options.question) : judged[0];
          if (!question) throw new CliError(cli.t('results.no_judgment', { id, ids: judged.map((q) => q.question.id).join(', ') || '-' }));
          document = resultsSvg(results, question, w);
        } else {
          document = { table: resultsTable, csv: resultsCsv, json: resultsJson }[options.format](results, w);
        }
        if (!options.output) {
          cli.out(document);
          return;
        }
        fs.writeFileSync(options.output, `${document}\n`);
        cli.out(cli.t('results.written', { file: options.output }));
      }),
    );
}
