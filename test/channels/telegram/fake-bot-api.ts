import http from 'node:http';
import { freePort } from './telegram-harness';

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

/**
 * A recording fake of the Bot API on 127.0.0.1: it answers each call with the next scripted
 * answer for that method (then with success), so tests can make sendMessage fail on demand.
 */
export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private nextMessageId = 1;

  private constructor(private readonly server: http.Server, readonly apiRoot: string) {}

  static async start(): Promise<FakeBotApi> {
    const port = await freePort();
    let fake: FakeBotApi | null = null;
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => fake?.answer(req.url ?? '', raw, res));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    fake = new FakeBotApi(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Queues answers for `method`, used before falling back to success. */
  script(method: string, ...answers: ScriptedAnswer[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(url: string, raw: string, res: http.ServerResponse): void {
    const method = url.split('/').pop() ?? '';
    const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    this.calls.push({ method, body });
    const scripted = this.scripts.get(method)?.shift();
    const answer = scripted ?? { status: 200, body: { ok: true, result: this.success(method, body) } };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
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
