import fs from 'node:fs';
import { Command } from 'commander';
import type { App } from '../../app/create-app';
import { agentText } from '../../domain/assembly-session';
import { counted } from '../../domain/text';
import { drawStatusView } from '../../draws/draw-status';
import { explanationLines } from '../../draws/explanation-lines';
import { publicRecordText } from '../../draws/draw-record';
import { prepareDraw } from '../../draws/prepare-draw';
import { readQuotaFile } from '../../draws/quota-file';
import { verifyRecord, type RecordCheck } from '../../draws/record/verify-record';
import { replaceSeats } from '../../draws/replace-seats';
import { runDraw, type Deliveries } from '../../draws/run-draw';
import type { LeftOut } from '../../draws/load-pool';
import { loadSolver } from '../../draws/selection/highs-solver';
import { formatLocalDateTime } from '../../lib/local-time';
import type { DrawRecord } from '../../store/draws-repo';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';

type Options = Record<string, string | boolean | undefined>;

function findDraw(cli: CliContext, app: App, id: string): DrawRecord {
  const draw = /^\d+$/.test(id) ? app.store.draws.find(Number(id)) : null;
  if (!draw) throw new CliError(cli.t('draw.not_found', { id }));
  return draw;
}

function formatNumber(cli: CliContext, value: number, options: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(cli.language === 'fr' ? 'fr-FR' : 'en-GB', options).format(value);
}

function percent(cli: CliContext, value: number): string {
  return formatNumber(cli, value, { style: 'percent', maximumFractionDigits: 2 });
}

function decimal(cli: CliContext, value: number): string {
  return formatNumber(cli, value, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** Who the pool left out, and why. */
function leftOutLine(cli: CliContext, leftOut: LeftOut): string {
  return cli.t('draw.left_out', { excluded: leftOut.excluded, incomplete: leftOut.incomplete, opted_out: leftOut.optedOut, unreachable: leftOut.unreachable });
}

/** The people drawn, one line each with the values of their categories. */
function panelTable(categories: readonly { readonly field: string }[], panel: readonly string[], pool: readonly { readonly pseudonym: string; readonly values: readonly string[] }[]): string {
  const valuesOf = new Map(pool.map((e) => [e.pseudonym, e.values]));
  return formatTable(['pseudonym', ...categories.map((c) => c.field)], panel.map((p) => [p, ...(valuesOf.get(p) ?? [])]));
}

function nameOf(cli: CliContext, app: App, draw: DrawRecord): string {
  return agentText(draw.definition.name, cli.language, app.settings.defaultLanguage);
}

function invitedLine(cli: CliContext, app: App, deliveries: Deliveries, draw: DrawRecord, round: number): string {
  const seat = app.store.draws.seats(draw.id).find((s) => s.round === round);
  return cli.t('draw.invited', { ...deliveries, until: seat ? formatLocalDateTime(seat.answerBy, app.settings.city.timeZone) : '-' });
}

function readSource(cli: CliContext, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(cli.t('draw.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
}

/** The result of `draw verify`, one line per check, then the verdict. */
function verificationLines(cli: CliContext, checks: readonly RecordCheck[]): string[] {
  return checks.map((check) => {
    const mark = cli.t(check.ok ? 'draw.verify.ok_mark' : 'draw.verify.fail_mark');
    const where = check.round > 0 ? `${cli.t('draw.verify.round', { round: check.round })} : ` : '';
    const detail = Object.fromEntries(
      Object.entries(check.detail ?? {}).map(([k, v]) => {
        if (k === 'relaxed') return [k, cli.t(`draw.verify.relaxed_${String(v)}`)];
        if (typeof v !== 'number' || Number.isInteger(v)) return [k, v];
        return [k, Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toPrecision(6)];
      }),
    );
    return `[${mark}] ${where}${cli.t(`draw.verify.${check.check}`, detail)}`;
  });
}

/** `parlons draw prepare|run|replace|status|export|verify|list`. */
export function drawCommand(cli: CliContext): Command {
  const draw = new Command('draw').description(cli.t('draw.command_description'));

  draw
    .command('prepare')
    .description(cli.t('draw.prepare_description'))
    .argument('<file>', cli.t('draw.file_argument'))
    .option('--compare-legacy <runs>', cli.t('draw.compare_legacy'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (file: string, options: Options) => {
      const solver = await loadSolver();
      await cli.withApp(options.db as string | undefined, {}, (app) => {
        const source = readSource(cli, file);
        const read = readQuotaFile(source, app.settings.city, cli.language, cli.t);
        if (!read.ok) {
          const problems = read.problems.map((p) => `  - ${p.path ? `${p.path} : ` : ''}${p.message}`).join('\n');
          throw new CliError(`${cli.t('draw.invalid', { file, count: read.problems.length })}\n${problems}`);
        }
        const runs = typeof options.compareLegacy === 'string' ? Number(options.compareLegacy) : 0;
        const result = prepareDraw({ store: app.store, solver, city: app.settings.city, legacyRuns: Number.isInteger(runs) && runs > 0 ? runs : 0 }, read.definition, app.clock.now());
        if (!result.ok) {
          if (result.reason === 'unknown_sessions') throw new CliError(cli.t('draw.unknown_sessions', { ids: result.sessions.join(', ') }));
          if (result.reason === 'unknown_pool_draw') throw new CliError(cli.t('draw.unknown_pool_draw', { id: result.drawId }));
          throw new CliError(
            [
              cli.t('draw.infeasible', { seats: counted('people', read.definition.panelSize), pool: counted('people', result.pool.people.length) }),
              leftOutLine(cli, result.pool.leftOut),
              ...explanationLines(cli.t, result.explanation, result.categories),
            ].join('\n'),
          );
        }
        const { draw: prepared, pool } = result;
        cli.out(cli.t('draw.prepared', { id: prepared.id, name: nameOf(cli, app, prepared), seats: counted('seats', prepared.prepared.panel_size), pool: counted('people', pool.people.length) }));
        cli.out(leftOutLine(cli, pool.leftOut));
        cli.out(cli.t('draw.probabilities', { smallest: percent(cli, result.smallest), largest: percent(cli, result.largest) }));
        cli.out(cli.t('draw.computed', { seconds: decimal(cli, result.milliseconds / 1000), stages: result.stages, panels: result.panelsGenerated, kept: prepared.prepared.distribution.length }));
        if (result.legacy) cli.out(cli.t('draw.legacy', { smallest: percent(cli, result.legacy.smallest), runs: result.legacy.runs, failures: result.legacy.failures }));
        cli.out(cli.t('draw.commitment', { commitment: prepared.commitment }));
        cli.out(cli.t('draw.seed_source', { source: prepared.definition.seedSource }));
        cli.out(cli.t('draw.next_run', { id: prepared.id }));
      });
    });

  draw
    .command('run')
    .description(cli.t('draw.run_description'))
    .argument('<id>', cli.t('draw.id'))
    .requiredOption('--seed <value>', cli.t('draw.seed'))
    .option('--dry-run', cli.t('draw.dry_run'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, (app) => {
        const found = findDraw(cli, app, id);
        const result = runDraw(app.store, app.conversations, found.id, String(options.seed), app.clock.now(), options.dryRun === true);
        if (!result.ok) throw new CliError(cli.t(`draw.${result.reason}`, { id }));
        const { outcome } = result;
        cli.out(cli.t('draw.uniform', { seed: outcome.seed, uniform: outcome.uniform, index: outcome.panel_index + 1 }));
        cli.out(cli.t('draw.panel_title', { count: outcome.panel.length }));
        cli.out(panelTable(found.prepared.categories, outcome.panel, found.prepared.pool));
        cli.out(result.dryRun ? cli.t('draw.dry_run_done') : invitedLine(cli, app, result.deliveries, found, 0));
      }),
    );

  draw
    .command('replace')
    .description(cli.t('draw.replace_description'))
    .argument('<id>', cli.t('draw.id'))
    .option('--relax', cli.t('draw.relax'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) => {
      const solver = await loadSolver();
      await cli.withApp(options.db as string | undefined, {}, async (app) => {
        const found = findDraw(cli, app, id);
        const result = await replaceSeats({ store: app.store, conversations: app.conversations, solver }, found, app.clock.now(), { relax: options.relax === true });
        if (!result.ok) {
          if (result.reason !== 'infeasible') throw new CliError(cli.t(`draw.${result.reason}`, { id }));
          throw new CliError([cli.t('draw.replace_infeasible', { seats: counted('seats', result.seats), candidates: result.candidates }), ...explanationLines(cli.t, result.explanation, result.categories), cli.t('draw.replace_relax_hint')].join('\n'));
        }
        if (!result.round) return cli.out(cli.t('draw.nothing_to_replace'));
        const { round } = result;
        cli.out(cli.t('draw.replaced', { round: round.round, seed: round.seed, count: round.panel.length, candidates: round.pool.length }));
        if (round.relaxed) cli.out(cli.t('draw.relaxed'));
        cli.out(panelTable(round.categories, round.panel, round.pool));
        cli.out(invitedLine(cli, app, result.deliveries, found, round.round));
      });
    });

  draw
    .command('status')
    .description(cli.t('draw.status_description'))
    .argument('<id>', cli.t('draw.id'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, (app) => {
        const found = findDraw(cli, app, id);
        const view = drawStatusView(app.store, found.id);
        if (!view) throw new CliError(cli.t('draw.not_found', { id }));
        if (options.json) return cli.out(JSON.stringify(view, null, 2));
        const zone = app.settings.city.timeZone;
        cli.out(cli.t('draw.status.title', { id: view.id, name: nameOf(cli, app, found), status: cli.t(`draw.status.state.${view.status}`) }));
        cli.out(cli.t('draw.commitment', { commitment: view.commitment }));
        if (view.seed !== null && view.drawnAt) cli.out(cli.t('draw.status.seed', { seed: view.seed, when: formatLocalDateTime(view.drawnAt, zone) }));
        cli.out(cli.t('draw.probabilities', { smallest: percent(cli, view.smallestProbability), largest: percent(cli, view.largestProbability) }));
        cli.out(cli.t('draw.status.counts', { ...view.counts }));
        cli.out(cli.t('draw.status.seats', { accepted: view.counts.accepted, panel: view.panelSize }));
        const columns = ['category', 'value', 'quota', 'accepted', 'held'].map((k) => cli.t(`draw.status.columns.${k}`));
        cli.out(formatTable(columns, view.categories.flatMap((c) => c.values.map((v) => [c.field, v.value, `${v.min}–${v.max}`, String(v.accepted), String(v.held)]))));
        cli.out(view.acceptedMeetQuotas ? cli.t('draw.status.quotas_ok') : view.heldMeetQuotas ? cli.t('draw.status.quotas_held') : cli.t('draw.status.quotas_open', { id: view.id }));
      }),
    );

  draw
    .command('list')
    .description(cli.t('draw.list_description'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: Options) =>
      cli.withApp(options.db as string | undefined, {}, (app) => {
        const rows = app.store.draws.list().map((d) => {
          const accepted = app.store.draws.seats(d.id).filter((s) => s.status === 'accepted').length;
          return [String(d.id), nameOf(cli, app, d), cli.t(`draw.status.state.${d.status}`), String(d.prepared.pool.length), String(d.prepared.panel_size), String(accepted)];
        });
        const columns = ['id', 'name', 'status', 'pool', 'seats', 'accepted'].map((k) => cli.t(`draw.list.columns.${k}`));
        cli.out(rows.length === 0 ? cli.t('draw.list.none') : formatTable(columns, rows));
      }),
    );

  draw
    .command('export')
    .description(cli.t('draw.export_description'))
    .argument('<id>', cli.t('draw.id'))
    .option('--output <file>', cli.t('draw.output'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (id: string, options: Options) =>
      cli.withApp(options.db as string | undefined, {}, (app) => {
        const found = findDraw(cli, app, id);
        const text = publicRecordText(app.store, found);
        if (typeof options.output !== 'string') return cli.out(text.trimEnd());
        fs.writeFileSync(options.output, text);
        cli.out(cli.t('draw.exported', { id: found.id, file: options.output, people: found.prepared.pool.length }));
      }),
    );

  draw
    .command('verify')
    .description(cli.t('draw.verify_description'))
    .argument('<file>', cli.t('draw.record_argument'))
    .action(async (file: string) => {
      // From the file alone: no settings, no database.
      const source = readSource(cli, file);
      let raw: unknown;
      try {
        raw = JSON.parse(source);
      } catch (error) {
        throw new CliError(cli.t('draw.verify.unreadable', { file, reason: (error as Error).message }));
      }
      const verification = verifyRecord(await loadSolver(), raw);
      const record = verification.record;
      if (record) {
        const name = record.prepared.draw.name[cli.language] ?? Object.values(record.prepared.draw.name)[0] ?? '';
        cli.out(cli.t('draw.verify.title', { id: record.prepared.draw.id, name, city: record.prepared.draw.city }));
        cli.out(cli.t('draw.commitment', { commitment: record.commitment }));
        cli.out(cli.t('draw.seed_source', { source: record.prepared.draw.seed_source }));
      }
      for (const line of verificationLines(cli, verification.checks)) cli.out(line);
      if (record && !record.drawn) cli.out(cli.t('draw.verify.not_drawn'));
      const failed = verification.checks.filter((c) => !c.ok).length;
      if (failed > 0) throw new CliError(cli.t('draw.verify.some_failed', { count: failed }));
      cli.out(cli.t('draw.verify.all_ok'));
    });

  return draw;
}
