import { ChannelStartError } from '../app/serve-channels';
import { ChannelSetupError } from '../channels/channel';
import { SettingsError } from '../config/settings';
import { DatabaseTooNewError, DatabaseTooOldError } from '../store/migrate';
import { DatabaseServedElsewhereError } from '../store/serving-lock';
import { DatabaseUnavailableError } from '../store/store-problem';
import { CliError, type CliContext } from './cli-context';

/** Exit codes, also listed in `--help` and the README. */
export const EXIT = { failure: 1, settings: 2, databaseTooNew: 3, servedElsewhere: 4, databaseUnavailable: 5 } as const;

/** What to tell the operator about a failure, and the exit code; null for an unexpected error (a bug: its stack is printed). */
export function describeFailure(cli: CliContext, error: unknown): { readonly message: string; readonly exitCode: number } | null {
  if (error instanceof SettingsError) return { message: cli.t('errors.settings', { problems: error.problems.join('\n  ') }), exitCode: EXIT.settings };
  if (error instanceof DatabaseTooNewError) return { message: cli.t('errors.database_too_new', { found: error.found, supported: error.supported }), exitCode: EXIT.databaseTooNew };
  if (error instanceof DatabaseServedElsewhereError) return { message: cli.t('errors.served_elsewhere', { file: error.file }), exitCode: EXIT.servedElsewhere };
  if (error instanceof DatabaseUnavailableError) return { message: databaseMessage(cli, error), exitCode: EXIT.databaseUnavailable };
  if (error instanceof DatabaseTooOldError) {
    return { message: cli.t('errors.database.too_old', { file: error.file, found: error.found, supported: error.supported }), exitCode: EXIT.databaseUnavailable };
  }
  if (error instanceof ChannelStartError) {
    const invalidSetting = error.cause instanceof ChannelSetupError && error.cause.invalidSetting;
    return { message: cli.t('errors.channel_start', { channel: error.channel, reason: channelReason(cli, error) }), exitCode: invalidSetting ? EXIT.settings : EXIT.failure };
  }
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  return null;
}

/** One sentence naming PARLONS_DB, the file and the cause. */
export function databaseMessage(cli: CliContext, error: DatabaseUnavailableError): string {
  return cli.t(`errors.database.${error.problem}`, { file: error.file, detail: (error.cause as Error | undefined)?.message ?? '' });
}

/** Why a channel could not start, naming the setting when it is an address that cannot be listened on. */
function channelReason(cli: CliContext, error: ChannelStartError): string {
  const code = (error.cause as { code?: string } | undefined)?.code;
  if (error.listenSetting && (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')) {
    return cli.t(code === 'EADDRINUSE' ? 'errors.address_in_use' : 'errors.address_denied', { setting: error.listenSetting, address: error.listenAddress ?? '' });
  }
  return (error.cause as Error | undefined)?.message ?? String(error.cause);
}
