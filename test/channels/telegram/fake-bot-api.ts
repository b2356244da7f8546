import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Bot API request the fake received. */
export interface RecordedCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
}

/** A scripted answer: HTTP status and JSON body. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** How long an empty getUpdates is held before it answers [] (Telegram holds it up to `timeout` seconds). */
const LONG_POLL_MS = 200;

/**
 * A recording fake of the Bot API on 127.0.0.1: it answers each call with the next scripted
 * answer for that method (then with success), so tests can make sendMessage fail on demand.
 * getUpdates serves the updates queued with `queueUpdate`, from the offset asked (what is before
 * it is confirmed, so dropped), holding an empty poll for a moment as Telegram does.
 */
export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private nextMessageId = 1;
  private updates: { update_id: number }[] = [];
  private nextUpdateId = 1;

  private constructor(private readonly server: http.Server, readonly apiRoot: string) {}

  /** Starts the fake on a free loopback port (it has nothing of telegram-test-api's port trouble). */
  static async start(): Promise<FakeBotApi> {
    let fake: FakeBotApi | null = null;
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => fake?.answer(req.url ?? '', raw, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    fake = new FakeBotApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** Queues answers for `method`, used before falling back to success. */
  script(method: string, ...answers: ScriptedAnswer[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update for getUpdates; returns its update_id. */
  queueUpdate(update: Record<string, unknown>): number {
    const id = this.nextUpdateId++;
    this.updates.push({ ...update, update_id: id });
    return id;
  }

  /** A private text message from `chatId`, queued for getUpdates; returns its update_id. */
  queueText(chatId: number, text: string): number {
    return this.queueUpdate({ message: { message_id: this.nextUpdateId, date: 0, text, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'R' } } });
  }

  /** Updates not yet confirmed by an offset past them. */
  get unconfirmed(): number {
    return this.updates.length;
  }

  /** The texts the bot sent to `chatId`, in order. */
  sentTo(chatId: number): string[] {
    return this.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(chatId)).map((c) => String(c.body.text));
  }

  private answer(url: string, raw: string, res: http.ServerResponse): void {
    const method = url.split('/').pop() ?? '';
    const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    this.calls.push({ method, body });
    const scripted = this.scripts.get(method)?.shift();
    if (!scripted && method === 'getUpdates') return void this.poll(body, res);
    const answer = scripted ?? { status: 200, body: { ok: true, result: this.success(method, body) } };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  }

  private poll(body: Record<string, unknown>, res: http.ServerResponse): void {
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const limit = typeof body.limit === 'number' ? body.limit : 100;
    const reply = (): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: this.updates.slice(0, limit) }));
    };
    if (this.updates.length > 0 || body.timeout === 0) return reply();
    setTimeout(reply, LONG_POLL_MS);
  }

  private success(method: string, body: Record<string, unknown>): unknown {
    if (method === 'getMe') return { id: 1, is_bot: true, first_name: 'Parlons', username: 'parlons_test_bot' };
    if (method === 'sendMessage') return { message_id: this.nextMessageId++, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
    return true;
  }
}

/** A Bot API error answer, as Telegram sends it. */
export function botApiError(code: number, description: string, retryAfter?: number): ScriptedAnswer {
  return {
    status: code,
    body: { ok: false, error_code: code, description, ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}) },
  };
}
