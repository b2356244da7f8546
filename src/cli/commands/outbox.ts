import { Command } from 'commander';
import { formatLocalDateTime } from '../../lib/local-time';
import { messagesTo, recentMessages, type ListedMessage } from '../../outbox/list-messages';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';
import { resolvePerson } from '../../people/resolve-person';

/** How many rows `parlons outbox` shows without --to. */
const RECENT = 50;
/** How much of each message the table shows. */
const PREVIEW = 60;

/** A reason in words where the CLI has them (`expired_session_started`: the session had started), else as recorded. */
function reasonWords(cli: CliContext, reason: string): string {
  const key = `outbox.reason.${reason.replace(/:.*$/, '')}`;
  const words = cli.t(key);
  return words === key || words === `cli:${key}` ? reason : `${words}${reason.includes(':') ? reason.slice(reason.indexOf(':')) : ''}`;
}

/**
 * `parlons outbox`: what was sent to a person, as it was sent (in the language and with the data
 * of that moment), or what waits, as it would leave now, with its status and the reason it failed
 * or was not sent, so that an agent can answer "did I get the reminder?". Without --to: the
 * latest rows.
 */
export function outboxCommand(cli: CliContext): Command {
  return new Command('outbox')
    .description(cli.t('outbox.description'))
    .option('--to <person>', cli.t('outbox.to'))
    .option('--json', cli.t('options.json'))
    .option('--db <file>', cli.t('options.db'))
    .action(async (options: { to?: string; json?: boolean; db?: string }) => {
      await cli.withApp(options.db, { access: 'read' }, async (app) => {
        const { store, settings, translator } = app;
        let listed: ListedMessage[];
        if (options.to !== undefined) {
          const personId = resolvePerson(store, options.to, settings.city.country);
          if (personId === null) throw new CliError(cli.t('person.not_found', { ref: options.to }));
          listed = messagesTo(store, translator, personId);
        } else {
          listed = recentMessages(store, translator, RECENT);
        }
        if (options.json) return cli.out(JSON.stringify(listed.map((r) => (r.removed ? { ...r, text: cli.t(`outbox.redacted.${r.removed}`) } : r)), null, 2));
        if (listed.length === 0) return cli.out(cli.t('outbox.none'));
        const local = (iso: string | null) => (iso ? formatLocalDateTime(iso, settings.city.timeZone) : '');
        const oneLine = (text: string) => {
          const flat = text.replace(/\s+/g, ' ');
          return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW - 1)}…` : flat;
        };
        cli.out(
          formatTable(
            ['id', 'created', 'to', 'kind', 'status', 'attempts', 'sent', 'error', 'text'].map((c) => cli.t(`outbox.column.${c}`)),
            listed.map((r) => [
              String(r.id),
              local(r.created_at),
              `${r.channel}:${r.address}`,
              cli.t(`outbox.kind.${r.kind}`),
              cli.t(`outbox.status.${r.status}`),
              String(r.attempts),
              local(r.sent_at),
              r.error ? reasonWords(cli, r.error) : '',
              r.removed ? cli.t(`outbox.redacted.${r.removed}`) : oneLine(r.buttons ? `${r.text} ${r.buttons.map((b) => `[${b}]`).join(' ')}` : r.text),
            ]),
          ),
        );
      });
    });
}
