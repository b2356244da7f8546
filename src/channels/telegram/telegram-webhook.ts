import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Logger } from '../../lib/logger';
import { close, readBody, refuseAndClose, serveWebhook } from '../http/webhook-http';
import { readUpdate, type TelegramUpdate } from './telegram-update';

/** Receiving by webhook rather than long polling. */
export interface TelegramWebhookOptions {
  /** The public HTTPS address Telegram posts to; its path is the one served. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; requests without it get 403. */
  readonly secret: string;
}

/** A Bot API update is a few kilobytes; refuse anything that could only be an attack. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * What became of one update: `done` (committed, a duplicate, or let go: answer 200),
 * `retry` (not committed: 503, Telegram sends it again), `failed` (a bug: 500, sent again).
 */
export type UpdateOutcome = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly retryAfterMs: number } | { readonly kind: 'failed' };

/** Handles one update; never throws. */
export type UpdateHandler = (update: TelegramUpdate) => Promise<UpdateOutcome>;

/** Whether the secret header is the one registered, compared in constant time. */
function hasSecret(req: http.IncomingMessage, secret: string): boolean {
  const given = req.headers['x-telegram-bot-api-secret-token'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Decodes a body as JSON, or undefined when it is not JSON. */
function decodeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The HTTP server Telegram posts updates to. It answers 200 only once the update is committed
 * (or was already), so that Telegram resends whatever Parlons could not save:
 * 403 without the secret, 404 on another path, 413 past 1 MB (counted as it arrives, whatever
 * the transfer encoding), 400 for a body that is not an update object, 503 with Retry-After while
 * the database cannot be written, 500 if handling failed. No request can stop the process.
 * NOTE: https://core.telegram.org/bots/api#setwebhook — "In case of an unsuccessful request
 * (a request with response HTTP status code different from 2XY), we will repeat the request".
 */
export class TelegramWebhookServer {
  private server: http.Server | null = null;

  constructor(
    private readonly options: TelegramWebhookOptions,
    private readonly logger: Logger,
  ) {}

  async start(handle: UpdateHandler): Promise<void> {
    this.server = await serveWebhook(this.options, this.logger, 'telegram_webhook_failed', (req, res) => this.respond(req, res, handle));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await close(server);
  }

  private async respond(req: http.IncomingMessage, res: http.ServerResponse, handle: UpdateHandler): Promise<void> {
    const path = new URL(this.options.url).pathname;
    if ((req.url ?? '').split('?')[0] !== path) return refuseAndClose(req, res, 404);
    if (req.method !== 'POST') return refuseAndClose(req, res, 405, { allow: 'POST' });
    if (!hasSecret(req, this.options.secret)) return refuseAndClose(req, res, 403);
    const read = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return refuseAndClose(req, res, 413);
    const update = readUpdate(decodeJson(read.body));
    if (!update) {
      this.logger.warn('telegram_webhook_not_an_update');
      return void res.writeHead(400).end();
    }
    const outcome = await handle(update);
    if (outcome.kind === 'done') return void res.writeHead(200).end();
    if (outcome.kind === 'retry') return void res.writeHead(503, { 'retry-after': String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))) }).end();
    res.writeHead(500).end();
  }
}
