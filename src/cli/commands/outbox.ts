import { Command } from 'commander';
import { CHANNEL_CAPABILITIES } from '../../channels/capabilities';
import { formatLocalDateTime } from '../../lib/local-time';
import { renderMessage } from '../../rendering/render-message';
import type { OutboxRecord } from '../../store/outbox-repo';
import { CliError, type CliContext } from '../cli-context';
import { formatTable } from '../format-table';
import { resolvePerson } from '../person-ref';

/** How many rows `parlons outbox` shows without --to. */
const RECENT = 50;
/** How much of each message the table shows. */
const PREVIEW = 60;

/**
 * `parlons outbox`: what was sent to a person, or waits, with its status and the reason of a
 * failure, so that an agent can answer "did I get the reminder?". Without --to: the latest rows.
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
          text: renderMessage(row.message, row.targetLanguage, translator, CHANNEL_CAPABILITIES[row.channel]).text,
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
              r.error ?? '',
              oneLine(r.text),
            ]),
          ),
        );
      });
    });
}
