import type { InboundResult, SendResult } from '../channel';

/** An SMS as a provider received it, before the number is normalised. */
export interface ReceivedSms {
  /** The sender as the provider wrote it (usually E.164, sometimes national). */
  readonly from: string;
  /** The provider's own id for the message (Twilio's MessageSid, Gammu's inbox file name). */
  readonly id: string;
  readonly text: string;
}

/** Gets a received SMS processed; resolves once it is committed (null: not from a resident, dropped). */
export type SmsHandler = (sms: ReceivedSms) => Promise<InboundResult | null>;

/**
 * One way of sending and receiving SMS (a GSM modem through Gammu, an HTTP provider). The SMS
 * channel prepares texts and numbers; a provider only moves them.
 */
export interface SmsProvider {
  /** A short name for logs. */
  readonly name: string;
  /** Sends `text` (already prepared for SMS) to an E.164 number. */
  send(to: string, text: string): Promise<SendResult>;
  /** Starts receiving; resolves once listening. */
  start(handler: SmsHandler): Promise<void>;
  stop(): Promise<void>;
}
