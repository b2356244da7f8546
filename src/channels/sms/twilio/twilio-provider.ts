import http from 'node:http';
import type { Logger } from '../../../lib/logger';
import { InboundNotCommitted, type SendResult } from '../../channel';
import { InboundAttempts } from '../../inbound-attempts';
import { close, readBody, refuseAndClose, serveWebhook } from '../../http/webhook-http';
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

/**
 * An HTTP SMS provider with Twilio's API: incoming messages arrive on a webhook that checks
 * `X-Twilio-Signature` (anything unsigned gets 403 and changes nothing), outgoing ones go through
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`. The MessageSid is the inbound id, so a webhook
 * the provider retries is processed once. A webhook is answered 200 only once its message is
 * committed: 503 while the database cannot be written, 500 if handling failed (a bug, until it
 * has failed a few times), so that the provider sends it again.
 */
export class TwilioProvider implements SmsProvider {
  readonly name = 'twilio';
  private server: http.Server | null = null;
  private readonly attempts = new InboundAttempts();

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
    this.server = await serveWebhook(this.options, this.options.logger, 'sms_webhook_failed', (req, res) => this.onRequest(req, res, handler));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await close(server);
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse, handler: SmsHandler): Promise<void> {
    const { webhookUrl, authToken, logger } = this.options;
    const publicUrl = new URL(webhookUrl);
    // The request line is compared as it is, never resolved against the public URL: a
    // `//other.example.org/sms` would resolve to another host.
    if ((req.url ?? '') !== publicUrl.pathname + publicUrl.search) return refuseAndClose(req, res, 404);
    if (req.method !== 'POST') return refuseAndClose(req, res, 405, { allow: 'POST' });
    const read = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    if (!read.ok) return refuseAndClose(req, res, 413);
    const params = new URLSearchParams(read.body.toString('utf8'));
    // NOTE: the provider signs the URL it was configured with, query string included: that URL,
    // from the settings, is what the signature is checked against, whatever the request says.
    if (!validTwilioSignature(authToken, publicUrl.href, params, req.headers['x-twilio-signature'] as string | undefined)) {
      logger.warn('sms_webhook_forged');
      return void res.writeHead(403).end();
    }
    const sms: ReceivedSms | null =
      params.get('MessageSid') && params.get('From') ? { id: `twilio:${params.get('MessageSid')}`, from: params.get('From') ?? '', text: textOf(params) } : null;
    if (!sms) return void res.writeHead(400).end();
    try {
      await handler(sms);
      this.attempts.succeeded(sms.id);
    } catch (error) {
      if (error instanceof InboundNotCommitted) {
        return void res.writeHead(503, { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) }).end();
      }
      const dropped = this.attempts.failed(sms.id);
      logger.error(dropped ? 'sms_webhook_dropped' : 'sms_webhook_failed', { error: (error as Error).message });
      if (!dropped) return void res.writeHead(500).end();
    }
    res.writeHead(200, { 'content-type': 'text/xml' }).end(EMPTY_TWIML);
  }
}
