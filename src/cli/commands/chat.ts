import { counted } from '../../domain/text';
import os from 'node:os';
import { Command, Option } from 'commander';
import type { App } from '../../app/create-app';
import { ConsoleChannel } from '../../channels/console/console-channel';
import { runConsoleChat } from '../../channels/console/console-chat';
import { SUPPORTED_LANGUAGES, type Language } from '../../domain/language';
import type { InboundResult } from '../../channels/channel';
import { DatabaseUnavailableError, namingFile } from '../../store/store-problem';
import { CliError, type CliContext } from '../cli-context';
import { databaseMessage } from '../failures';

/** Longest console name accepted with --as. */
const MAX_NAME = 64;

/** The console name of whoever runs the chat without --as: their system user name. */
export function defaultConsoleName(): string {
  try {
    return os.userInfo().username || 'console';
  } catch {
    return 'console';
  }
}

/** Runs a console chat for `address` until standard input ends. */
export async function runConsoleSession(cli: CliContext, app: App, address: string, language: Language | null): Promise<void> {
  const channel = new ConsoleChannel(
    (text) => new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve()))),
  );
  const dispatcher = app.dispatcher([channel], { channel: 'console', address });
  dispatcher.recover();
  await runConsoleChat({
    input: process.stdin,
    output: process.stdout,
    address,
    interactive: process.stdin.isTTY === true,
    banner: cli.t('chat.banner', { name: address }),
    prompt: cli.t('chat.prompt'),
    onOpen: async () => {
      // Messages that waited for this person (reminders due, notices, a session left mid-send) come first.
      app.runScheduler(app.clock.now());
      app.conversations.open('console', address, language);
      await dispatcher.dispatchDue();
    },
    onMessage: async (message): Promise<InboundResult> => {
      try {
        const result = app.conversations.handle(message);
        await dispatcher.dispatchDue();
        return result;
      } catch (error) {
        // A full or locked disk is not the end of the chat: the person is told, and types again
        // (a reply already saved waits in the outbox for the next message).
        const named = namingFile(app.settings.dbFile, error);
        if (!(named instanceof DatabaseUnavailableError)) throw error;
        cli.err(cli.t('chat.not_saved', { reason: databaseMessage(cli, named) }));
        return { outcome: 'processed' };
      }
    },
  });
}

/** `parlons chat`: a console conversation, as a resident. */
export function chatCommand(cli: CliContext): Command {
  return new Command('chat')
    .description(cli.t('chat.description'))
    .option('--db <file>', cli.t('options.db'))
    .option('--as <name>', cli.t('chat.as'))
    .addOption(new Option('--lang <language>', cli.t('chat.lang')).choices([...SUPPORTED_LANGUAGES]))
    .option('--now <time>', cli.t('options.now'))
    .action(async (options: { db?: string; as?: string; lang?: Language; now?: string }) => {
      const name = (options.as ?? defaultConsoleName()).trim();
      if (name === '' || name.length > MAX_NAME) throw new CliError(cli.t('chat.bad_name', { max: counted('characters', MAX_NAME) }));
      await cli.withApp(options.db, { quietLogLevel: () => 'warn', ...(options.now !== undefined ? { now: options.now } : {}) }, async (app) => {
        await runConsoleSession(cli, app, name, options.lang ?? null);
      });
    });
}
