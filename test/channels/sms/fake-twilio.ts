import http from 'node:http';
import { twilioSignature } from '../../../src/channels/sms/twilio/twilio-signature';

/** A message the fake REST API received. */
export interface ReceivedCall {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly form: Readonly<Record<string, string>>;
}

/** An answer the fake gives instead of success: status, JSON body, headers. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/**
 * A Twilio-compatible REST API on 127.0.0.1 that records `Messages.json` calls and answers 201,
 * or what the test scripted (429, 5xx, 21610…).
 */
export class FakeTwilio {
  readonly calls: ReceivedCall[] = [];
  private readonly scripted: ScriptedAnswer[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeTwilio> {
    let fake: FakeTwilio | null = null;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => fake?.answer(req, body, res));
    });
    fake = new FakeTwilio(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  get base(): string {
    const address = this.server.address();
    return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  }

  /** The next calls get these answers, in order. */
  script(...answers: ScriptedAnswer[]): void {
    this.scripted.push(...answers);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    this.calls.push({ path: req.url ?? '', authorization: req.headers.authorization, form: Object.fromEntries(new URLSearchParams(body)) });
    const scripted = this.scripted.shift();
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers }).end(JSON.stringify(scripted.body));
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${this.calls.length}`, status: 'queued' }));
  }
}

/** Posts a form to a webhook as Twilio would, signed with `authToken` over `publicUrl` (or with `signature`). */
export async function postWebhook(
  listenUrl: string,
  publicUrl: string,
  authToken: string,
  form: Record<string, string>,
  signature?: string,
): Promise<number> {
  const params = new URLSearchParams(form);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signed = signature ?? twilioSignature(authToken, publicUrl, params);
  if (signed !== '') headers['x-twilio-signature'] = signed;
  const response = await fetch(listenUrl, { method: 'POST', headers, body: params.toString() });
  await response.text();
  return response.status;
}
