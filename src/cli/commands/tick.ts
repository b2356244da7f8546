import { Command } from 'commander';
import { configuredChannels } from '../../app/configured-channels';
import { formatLocalDateTime } from '../../lib/local-time';
import type { CliContext } from '../cli-context';

/**
 * `parlons tick [--now <time>]`: runs the scheduler and the dispatcher once, as if it were that
 * time — for demonstrations, tests, and operators catching up after an outage. Messages for
 * console names wait until those people open the chat.
 */
export function tickCommand(cli: CliContext): Command {
  return new Command('tick')
    .description(cli.t('tick.description'))
    .option('--now <time>', cli.t('options.now'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { now?: string; db?: string }) => {
      // It sends: refused while `start` serves the same database (it would send twice what is in flight).
      await cli.withApp(options.db, { serves: () => true, ...(options.now !== undefined ? { now: options.now } : {}) }, async (app) => {
        const now = app.clock.now();
        const run = app.runScheduler(now);
        // Seats freed now are replaced now: their invitations leave with this run.
        const replaced = await run.replacing;
        const dispatcher = app.dispatcher(configuredChannels(app));
        const handled = await dispatcher.dispatchDue();
        cli.out(
          cli.t('tick.done', {
            when: formatLocalDateTime(now.toISOString(), app.settings.city.timeZone),
            fired: run.fired,
            digests: run.digests,
            messages: run.messages,
            handled,
          }),
        );
        const { reminded, expired } = run.draws;
        if (reminded + expired + replaced > 0) cli.out(cli.t('tick.draws', { reminded, expired, replaced }));
      });
    });
}
