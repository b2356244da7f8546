import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../lib/logger';
import { isGsm7 } from '../../../lib/sms/gsm7-alphabet';
import type { SendResult } from '../../channel';
import type { SmsHandler, SmsProvider } from '../sms-provider';
import { decodeSpoolFile, inboxMessages, inboxPathOf, type InboxMessage } from './gammu-spool';

/** How Parlons reaches a Gammu SMSD running the files service. */
export interface GammuOptions {
  /** The SMSD configuration file (gammurc / smsdrc); its `inboxpath` is read for incoming messages. */
  readonly configFile: string;
  /** The `gammu-smsd-inject` command (a name on PATH or a path). */
  readonly injectCommand: string;
  /** How often the inbox is looked at. */
  readonly pollIntervalMs: number;
  readonly logger: Logger;
}

/** A file name matched by the inbox pattern, with the size seen at the previous look. */
type Sizes = ReadonlyMap<string, number>;

/**
 * A GSM modem (or Gammu's dummy phone) through Gammu SMSD and its files service. Sending hands
 * the text to `gammu-smsd-inject`, which queues it in the SMSD outbox (SMSD splits it into parts
 * and sends it). Receiving reads the SMSD inbox folder: a message is processed once its files
 * have stopped growing, and its files are removed only once the conversation service has
 * committed it, so a crash never loses a message; one redelivered after a crash is recognised
 * as a duplicate by its file name.
 */
export class GammuProvider implements SmsProvider {
  readonly name = 'gammu';
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private previous: Sizes = new Map();

  constructor(private readonly options: GammuOptions) {}

  send(to: string, text: string): Promise<SendResult> {
    const { configFile, injectCommand } = this.options;
    // No shell: the text goes as one argument, whatever it holds. `-len` lets it exceed one SMS;
    // `-unicode` sends a text outside GSM-7 as UCS-2, so that it arrives as written (without it,
    // the parts are built for GSM-7 and what it lacks cannot arrive).
    const encoding = isGsm7(text) ? [] : ['-unicode'];
    const args = ['-c', configFile, 'TEXT', to, ...encoding, '-len', String(text.length), '-text', text];
    return new Promise((resolve) => {
      // NOTE: gammu-smsd-inject reads its arguments in the locale's charset: under a service
      // manager's bare "C" locale it cut the text at the first accent. UTF-8, always.
      const env = { ...process.env, LC_ALL: 'C.UTF-8' };
      execFile(injectCommand, args, { timeout: 30_000, env }, (error, stdout) => {
        if (!error) {
          const written = /Written message with ID (.+)$/m.exec(stdout)?.[1];
          resolve({ status: 'sent', ...(written ? { providerId: path.basename(written.trim()) } : {}) });
          return;
        }
        // The daemon's spool or the modem is not ready: retry later. Never the text or the number in the reason.
        const code = (error as NodeJS.ErrnoException).code;
        resolve({ status: 'retry', reason: typeof code === 'string' ? `gammu_inject_${code}` : `gammu_inject_exit_${String(code ?? 'unknown')}` });
      });
    });
  }

  async start(handler: SmsHandler): Promise<void> {
    const inbox = await this.inboxFolder();
    await fs.access(inbox);
    this.timer = setInterval(() => this.scanOnce(inbox, handler), this.options.pollIntervalMs);
    this.scanOnce(inbox, handler);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scanning;
  }

  private async inboxFolder(): Promise<string> {
    const { configFile } = this.options;
    const folder = inboxPathOf(await fs.readFile(configFile, 'utf8'));
    if (!folder) throw new Error(`${configFile}: no inboxpath in its [smsd] section (Parlons needs the files service)`);
    return path.resolve(path.dirname(configFile), folder);
  }

  /** One look at the inbox at a time: a slow one delays the next rather than overlapping it. */
  private scanOnce(inbox: string, handler: SmsHandler): void {
    if (this.scanning) return;
    this.scanning = this.scan(inbox, handler)
      .catch((error: Error) => this.options.logger.error('gammu_inbox_failed', { error: error.message }))
      .finally(() => {
        this.scanning = null;
      });
  }

  private async scan(inbox: string, handler: SmsHandler): Promise<void> {
    const sizes = new Map<string, number>();
    const messages = inboxMessages(await fs.readdir(inbox));
    for (const file of messages.flatMap((m) => m.files)) {
      // A file removed meanwhile (by another reader) simply has no size: its message is not complete.
      const stat = await fs.stat(path.join(inbox, file)).catch(() => null);
      if (stat) sizes.set(file, stat.size);
    }
    const previous = this.previous;
    this.previous = sizes;
    // NOTE: SMSD writes a file in several calls and a long message as several files: a message
    // is read once it looked the same twice, so that a half-written one is never taken.
    const complete = (m: InboxMessage) => m.files.every((file) => sizes.has(file) && previous.get(file) === sizes.get(file));
    for (const message of messages.filter(complete)) {
      if (this.timer === null) return;
      try {
        await this.receive(inbox, message, handler);
      } catch (error) {
        // Not committed: the files stay and the next look tries again.
        this.options.logger.error('gammu_receive_failed', { error: (error as Error).message });
      }
    }
  }

  private async receive(inbox: string, message: InboxMessage, handler: SmsHandler): Promise<void> {
    const parts = await Promise.all(message.files.map((file) => fs.readFile(path.join(inbox, file))));
    const text = parts.map(decodeSpoolFile).join('');
    // Resolves only once committed.
    await handler({ from: message.sender, id: message.id, text });
    // NOTE: the files hold the number and the text: removed at once (data minimisation).
    await Promise.all(message.files.map((file) => fs.rm(path.join(inbox, file), { force: true })));
  }
}
