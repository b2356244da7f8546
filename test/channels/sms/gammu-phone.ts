import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeWithTool } from '../../support/ci';
import { until } from '../../support/until';

const run = promisify(execFile);

/** The Gammu commands the SMS tests drive. */
const GAMMU_COMMANDS = ['gammu', 'gammu-smsd', 'gammu-smsd-inject'] as const;

/** Gammu commands missing from PATH. */
export function missingGammuCommands(): string[] {
  return GAMMU_COMMANDS.filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
}

/**
 * `describe` for tests that need the real Gammu SMSD. Without Gammu: skipped with a message, or,
 * in CI, one failing test that says what to install.
 */
export function describeWithGammu(name: string, body: () => void): void {
  describeWithTool(name, missingGammuCommands(), 'apt-get install -y gammu gammu-smsd', body);
}

/**
 * The real Gammu SMSD with its `dummy` phone (a folder that plays the modem) in a temporary
 * folder: the test texts Parlons as a resident would, and reads what SMSD sent.
 * NOTE: https://docs.gammu.org/smsd/config.html — receivefrequency and loopsleep at 1 second so
 * that a message is picked up and sent about a second after it is queued.
 */
export class GammuPhone {
  private daemon: ChildProcess | null = null;
  /** Characters of each number's sent text already returned by `reply`. */
  private readonly read = new Map<string, number>();

  private constructor(readonly dir: string) {}

  /** The SMSD configuration file, for SMS_GAMMU_CONFIG. */
  get config(): string {
    return path.join(this.dir, 'gammurc');
  }

  get inbox(): string {
    return path.join(this.dir, 'spool', 'inbox');
  }

  /** Writes the configuration and starts gammu-smsd. */
  static async start(dir: string): Promise<GammuPhone> {
    for (const sub of ['phone', 'spool/inbox', 'spool/outbox', 'spool/sent', 'spool/error']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    const template = fs.readFileSync(path.resolve(__dirname, '../../../deploy/gammu/smsdrc'), 'utf8');
    // The sample configuration, pointed at this folder and made quick.
    const config = template
      .replace(/^device = .*$/m, `device = ${path.join(dir, 'phone')}`)
      .replace(/^connection =.*$/m, 'connection = none')
      .replace(/^model =.*$/m, 'model = dummy')
      .replace(/^(inbox|outbox|sentsms|errorsms)path = .*$/gm, (_line, name: string) => `${name}path = ${path.join(dir, 'spool', name.replace('sms', ''))}/`)
      .replace(/^logfile = .*$/m, `logfile = ${path.join(dir, 'smsd.log')}`)
      .replace(/^receivefrequency = .*$/m, 'receivefrequency = 1');
    fs.writeFileSync(path.join(dir, 'gammurc'), config);
    const phone = new GammuPhone(dir);
    phone.daemon = spawn('gammu-smsd', ['-c', phone.config], { stdio: 'ignore' });
    await until('gammu-smsd to start', () => (fs.existsSync(path.join(dir, 'phone', 'sms')) ? true : undefined));
    return phone;
  }

  async stop(): Promise<void> {
    const daemon = this.daemon;
    this.daemon = null;
    if (!daemon || daemon.exitCode !== null) return;
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    await exited;
  }

  /** An SMS from `from` arrives at the modem (`gammu savesms` into the dummy phone's inbox). */
  async text(from: string, body: string): Promise<void> {
    await run('gammu', ['-c', this.config, 'savesms', 'TEXT', '-folder', '1', '-unread', '-sender', from, '-len', String(body.length), '-text', body]);
  }

  /** The messages SMSD sent to `to`, in order, each whole, with the encoding it went out in. */
  sentMessages(to: string): SentSms[] {
    const sent = path.join(this.dir, 'spool', 'sent');
    return fs
      .readdirSync(sent)
      .filter((name) => name.includes(`_${to}_`))
      .sort()
      .map((name) => readSentBackup(fs.readFileSync(path.join(sent, name), 'utf8')));
  }

  /** Everything SMSD sent to `to`, in order, as one text. */
  sentTo(to: string): string {
    return this.sentMessages(to)
      .map((m) => m.text)
      .join('');
  }

  /** Waits until what was sent to `to` since the last reply contains `expected`; returns it all. */
  async reply(to: string, expected: string): Promise<string> {
    const from = this.read.get(to) ?? 0;
    const fresh = await until(`an SMS to the resident containing ${JSON.stringify(expected)}`, () => {
      const text = this.sentTo(to).slice(from);
      return text.includes(expected) ? text : undefined;
    });
    this.read.set(to, from + fresh.length);
    return fresh;
  }
}

/** A message as SMSD sent it: its whole text, its parts and their encoding on the wire. */
export interface SentSms {
  readonly text: string;
  readonly parts: number;
  /** Gammu's name for it: `Default_No_Compression` (GSM-7) or `Unicode_No_Compression` (UCS-2). */
  readonly coding: string;
}

/**
 * Reads a sent message in Gammu's backup format (`outboxformat = detail`, see
 * deploy/gammu/smsdrc): one section per part, each part's text as hex of UTF-16 big-endian in
 * `TextNN` lines. SMSD saves the file again as parts go out: the last save is the whole message.
 */
export function readSentBackup(content: string): SentSms {
  const last = content.split(/^; Saved .*$/m).pop() ?? '';
  const sections = last.split(/^\[SMSBackup\d+\]$/m).slice(1);
  const text = sections
    .map((section) =>
      [...section.matchAll(/^Text\d+ = (\w+)$/gm)].map((m) => Buffer.from(m[1] ?? '', 'hex').swap16().toString('utf16le')).join(''),
    )
    .join('');
  const coding = /^Coding = (\w+)$/m.exec(last)?.[1] ?? '';
  return { text, parts: sections.length, coding };
}
