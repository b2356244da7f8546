import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../lib/logger';
import { isGsm7 } from '../../../lib/sms/gsm7-alphabet';
import { InboundNotCommitted, type SendResult } from '../../channel';
import { InboundAttempts } from '../../inbound-attempts';
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
  private readonly attempts = new InboundAttempts();
  /** Messages whose handling failed too often (a bug): not tried again until the next start. */
  private readonly skipped = new Set<string>();

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
    const due = messages.filter(complete).filter((m) => !this.skipped.has(m.id));
    const texts = await Promise.all(due.map((m) => this.read(inbox, m)));
    // Handed in together, in order (one transaction for the whole scan); each message's files go
    // once it is committed.
    const received = due.map((message, index) => this.receive(inbox, message, texts[index] ?? null, handler));
    for (const [index, outcome] of (await Promise.allSettled(received)).entries()) {
      if (outcome.status === 'fulfilled') continue;
      const error: unknown = outcome.reason;
      // Not committed: the files stay and the next look tries again (the episode is logged once elsewhere).
      if (error instanceof InboundNotCommitted) continue;
      const id = due[index]?.id ?? '';
      if (this.attempts.failed(id)) {
        // Left in the inbox, where the next start will try it again; not tried again by this process.
        this.skipped.add(id);
        this.options.logger.error('gammu_receive_skipped', { error: (error as Error).message });
      } else {
        this.options.logger.error('gammu_receive_failed', { error: (error as Error).message });
      }
    }
  }

  /** A message's text, or null when a file went meanwhile (another reader took it). */
  private async read(inbox: string, message: InboxMessage): Promise<string | null> {
    const parts = await Promise.all(message.files.map((file) => fs.readFile(path.join(inbox, file)))).catch(() => null);
    return parts ? parts.map(decodeSpoolFile).join('') : null;
  }

  private async receive(inbox: string, message: InboxMessage, text: string | null, handler: SmsHandler): Promise<void> {
    if (text === null) return;
    // Resolves only once committed.
    await handler({ from: message.sender, id: message.id, text });
    this.attempts.succeeded(message.id);
    // NOTE: the files hold the number and the text: removed at once (data minimisation).
    await Promise.all(message.files.map((file) => fs.rm(path.join(inbox, file), { force: true })));
  }
}
