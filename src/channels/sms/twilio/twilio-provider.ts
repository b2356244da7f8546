import http from 'node:http';
import type { Logger } from '../../../lib/logger';
import type { SendResult } from '../../channel';
import type { ReceivedSms, SmsHandler, SmsProvider } from '../sms-provider';
import { classifyTwilioResponse } from './twilio-errors';
import { validTwilioSignature } from './twilio-signature';

/** How Parlons reaches a Twilio-compatible provider. */
export interface TwilioOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The REST API root: `https://api.twilio.com`, or a compatible provider's, or a test server. */
  readonly apiBase: string;
  /** The number (or sender id) messages go from. */
  readonly from: string;
  /** The public URL the provider posts incoming messages to, exactly as configured there (it is signed). */
  readonly webhookUrl: string;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
}

/** An incoming SMS webhook is a short form; anything bigger is refused unread. */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
/** A send that takes longer than this is retried. */
const SEND_TIMEOUT_MS = 15_000;
/** The empty TwiML answer: Parlons replies through the outbox, never in the webhook response. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The provider's opt-out signal, as the keyword the conversation service knows, so that "CANCEL"
 * or "UNSUBSCRIBE" (which the provider treats as STOP) opts out here too.
 * NOTE: https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out — `OptOutType` is
 * STOP, START or HELP.
 */
function textOf(params: URLSearchParams): string {
  const optOut = params.get('OptOutType')?.toUpperCase();
  if (optOut === 'STOP' || optOut === 'START') return optOut;
  return params.get('Body') ?? '';
}

/** Reads a request body up to `limit` bytes; null when it is longer (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : null));
    req.on('error', reject);
  });
}

/**
 * An HTTP SMS provider with Twilio's API: incoming messages arrive on a webhook that checks
 * `X-Twilio-Signature` (anything unsigned gets 403 and changes nothing), outgoing ones go through
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`. The MessageSid is the inbound id, so a webhook
 * the provider retries is processed once.
 */
export class TwilioProvider implements SmsProvider {
  readonly name = 'twilio';
  private server: http.Server | null = null;

  constructor(private readonly options: TwilioOptions) {}

  async send(to: string, text: string): Promise<SendResult> {
    const { accountSid, authToken, apiBase, from } = this.options;
    const url = `${apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        // NOTE: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource —
        // SmartEncoded would replace characters outside GSM-7 on Twilio's side: Parlons does that
        // itself (SMS_TRANSLITERATE), and with it off a text must arrive as written, as UCS-2.
        body: new URLSearchParams({ To: to, From: from, Body: text, SmartEncoded: 'false' }).toString(),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as { sid?: unknown; code?: unknown };
      if (response.ok) return { status: 'sent', ...(typeof body.sid === 'string' ? { providerId: body.sid } : {}) };
      return classifyTwilioResponse(response.status, body, response.headers.get('retry-after'), new Date());
    } catch (error) {
      const err = error as { name?: string; cause?: { code?: string } };
      return { status: 'retry', reason: `network: ${err.cause?.code ?? err.name ?? 'error'}` };
    }
  }

  async start(handler: SmsHandler): Promise<void> {
    const server = http.createServer((req, res) => {
      this.onRequest(req, handler).then(
        ({ status, body }) => res.writeHead(status, body ? { 'content-type': 'text/xml' } : {}).end(body),
        (error: Error) => {
          this.options.logger.error('sms_webhook_failed', { error: error.message });
          res.writeHead(500).end();
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async onRequest(req: http.IncomingMessage, handler: SmsHandler): Promise<{ status: number; body?: string }> {
    const { webhookUrl, authToken, logger } = this.options;
    const publicUrl = new URL(webhookUrl);
    if (req.method !== 'POST' || new URL(req.url ?? '/', publicUrl).pathname !== publicUrl.pathname) return { status: 404 };
    const raw = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    if (raw === null) return { status: 413 };
    const params = new URLSearchParams(raw);
    // NOTE: the provider signs the URL it was configured with, query string included.
    const signedUrl = new URL(req.url ?? '/', publicUrl).href;
    if (!validTwilioSignature(authToken, signedUrl, params, req.headers['x-twilio-signature'] as string | undefined)) {
      logger.warn('sms_webhook_forged');
      return { status: 403 };
    }
    const sms: ReceivedSms | null =
      params.get('MessageSid') && params.get('From') ? { id: `twilio:${params.get('MessageSid')}`, from: params.get('From') ?? '', text: textOf(params) } : null;
    if (!sms) return { status: 400 };
    await handler(sms);
    return { status: 200, body: EMPTY_TWIML };
  }
}
