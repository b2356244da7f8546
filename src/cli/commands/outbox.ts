import { Command } from 'commander';
import { CHANNEL_CAPABILITIES } from '../../channels/capabilities';
import { formatLocalDateTime } from '../../lib/local-time';
import { renderMessage } from '../../rendering/render-message';
import type { OutboxRecord } from '../../store/outbox-repo';
import type { RenderedMessage } from '../../channels/channel';
import { StoreLiveData } from '../../outbox/live-data';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';
import { resolvePerson } from '../person-ref';

/** How many rows `parlons outbox` shows without --to. */
const RECENT = 50;
/** How much of each message the table shows. */
const PREVIEW = 60;

/** What a row shows: what was sent, as sent; what waits, as it would be sent now; what was removed at a closing, said so. */
function shown(row: OutboxRecord, t: (key: string) => string, render: (message: OutboxRecord['message']) => RenderedMessage): { text: string; buttons?: readonly string[]; as: 'sent' | 'now' | 'removed' } {
  if (row.redacted) return { text: t(`outbox.redacted.${row.redacted}`), as: 'removed' };
  if (row.sent) return { ...row.sent, as: 'sent' };
  const rendered = render(row.message);
  const buttons = rendered.buttons?.map((b) => b.label);
  return { text: rendered.text, ...(buttons ? { buttons } : {}), as: 'now' };
}

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
        let rows: OutboxRecord[];
        if (options.to !== undefined) {
          const personId = resolvePerson(store, options.to, settings.city.country);
          if (personId === null) throw new CliError(cli.t('person.not_found', { ref: options.to }));
          rows = store.contacts.forPerson(personId).flatMap((c) => store.outbox.forContact(c.id)).sort((a, b) => a.id - b.id);
        } else {
          rows = store.outbox.recent(RECENT).reverse();
        }
        const live = new StoreLiveData(store);
        const listed = rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          address: row.targetAddress,
          kind: row.kind,
          status: row.status,
          attempts: row.attempts,
          created_at: row.createdAt,
          not_before: row.notBefore,
          sent_at: row.sentAt,
          error: row.error,
          ...shown(row, (key) => cli.t(key), (message) => renderMessage(message, row.targetLanguage, translator, CHANNEL_CAPABILITIES[row.channel], { live: (ref) => live.resolve(ref) })),
        }));
        if (options.json) return cli.out(JSON.stringify(listed, null, 2));
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
              oneLine(r.buttons ? `${r.text} ${r.buttons.map((b) => `[${b}]`).join(' ')}` : r.text),
            ]),
          ),
        );
      });
    });
}
