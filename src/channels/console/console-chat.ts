import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { InboundHandler } from '../channel';

/** Where the console chat reads and writes, and what it says around the conversation. */
export interface ConsoleChatOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** The person's console name: their address on the console channel. */
  readonly address: string;
  /** A person at a terminal (prompt and banner) rather than a script piping lines in. */
  readonly interactive: boolean;
  readonly banner: string;
  readonly prompt: string;
  /** Runs once the chat is open, before the first message is read (deliver what waited). */
  readonly onOpen: () => Promise<void>;
  readonly onMessage: InboundHandler;
}

/**
 * Runs a chat in the terminal: each line typed (or piped) is one message, handled fully (state
 * saved, replies printed) before the next is read, so a piped script is a faithful conversation.
 * Resolves when the input ends (Ctrl+D, or the end of the piped file).
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  // At a terminal, readline echoes what is typed and shows the prompt; from a pipe it only reads.
  const lines = options.interactive
    ? readline.createInterface({ input: options.input, output: options.output, terminal: true, prompt: options.prompt })
    : readline.createInterface({ input: options.input, terminal: false });
  if (options.interactive) {
    options.output.write(`${options.banner}\n\n`);
    // Ctrl+C leaves like Ctrl+D: everything said so far is already saved.
    lines.on('SIGINT', () => lines.close());
  }
  await options.onOpen();
  if (options.interactive) lines.prompt();
  for await (const line of lines) {
    // An empty line is a slip of the Enter key, not a message.
    if (line.trim() !== '') {
      await options.onMessage({ channel: 'console', address: options.address, externalId: randomUUID(), text: line });
    }
    if (options.interactive) lines.prompt();
  }
  if (options.interactive) options.output.write('\n');
}
