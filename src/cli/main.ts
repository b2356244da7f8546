import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { projectRoot } from '../lib/project-root';
import { createCliContext, type CliContext } from './cli-context';
import { describeFailure, EXIT } from './failures';
import { auditCommand } from './commands/audit';
import { backupCommand } from './commands/backup';
import { broadcastCommand } from './commands/broadcast';
import { chatCommand } from './commands/chat';
import { consultationCommand } from './commands/consultation';
import { drawCommand } from './commands/draw';
import { ideasCommand } from './commands/ideas';
import { resultsCommand } from './commands/results';
import { restoreCommand } from './commands/restore';
import { roleCommand } from './commands/role';
import { mediatorCommand } from './commands/mediator';
import { migrateCommand } from './commands/migrate';
import { outboxCommand } from './commands/outbox';
import { personCommand } from './commands/person';
import { startCommand } from './commands/start';
import { sessionCommand } from './commands/session';
import { statsCommand } from './commands/stats';
import { tickCommand } from './commands/tick';
import { volunteersCommand } from './commands/volunteers';

function packageVersion(): string {
  const file = path.join(projectRoot(), 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The `parlons` command with every sub-command, its help in the operator's language. */
export function buildProgram(cli: CliContext): Command {
  const titles: Record<string, string> = {
    'Usage:': cli.t('help.usage'),
    'Options:': cli.t('help.options'),
    'Commands:': cli.t('help.commands'),
    'Arguments:': cli.t('help.arguments'),
  };
  const program = new Command('parlons')
    .description(cli.t('description'))
    .version(packageVersion(), '-V, --version', cli.t('options.version'))
    .helpOption('-h, --help', cli.t('options.help'))
    .helpCommand('help [command]', cli.t('options.help_command'))
    .configureHelp({ styleTitle: (title) => titles[title] ?? title })
    .addHelpText('after', `\n${cli.t('help.settings')}\n\n${cli.t('help.exit_codes')}`)
    .showHelpAfterError(cli.t('help.after_error'));
  for (const command of [startCommand(cli), chatCommand(cli), migrateCommand(cli), backupCommand(cli), restoreCommand(cli), volunteersCommand(cli), personCommand(cli), sessionCommand(cli), ideasCommand(cli), consultationCommand(cli), resultsCommand(cli), drawCommand(cli), broadcastCommand(cli), roleCommand(cli), mediatorCommand(cli), auditCommand(cli), outboxCommand(cli), tickCommand(cli), statsCommand(cli)]) {
    program.addCommand(inherit(command, program));
  }
  return program;
}

/** Gives a sub-command tree the program's help settings (addCommand, unlike command(), copies none). */
function inherit(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inherit(sub, command);
  return command;
}

async function main(): Promise<void> {
  // A reader that closes our output (`| head`) is not a crash: each write reports its own
  // failure (the console channel keeps the message queued), so the stream's error event is moot.
  process.stdout.on('error', () => undefined);
  const cli = createCliContext();
  try {
    await buildProgram(cli).exitOverride().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const known = describeFailure(cli, error);
    // An unexpected error is a bug: its stack helps whoever reports it.
    cli.err(known?.message ?? (error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exitCode = known?.exitCode ?? EXIT.failure;
  }
}

void main();
