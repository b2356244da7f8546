import type { CountryCode } from 'libphonenumber-js/min';
import type { Logger } from '../../lib/logger';
import { toE164 } from '../../lib/phone-number';
import { smsParts } from '../../lib/sms/sms-parts';
import { smsCost } from '../../lib/sms/sms-segments';
import { toGsm7 } from '../../lib/sms/to-gsm7';
import { CHANNEL_CAPABILITIES } from '../capabilities';
import type { ChannelAdapter, ChannelReceiver, InboundHandler, RenderedMessage, SendOptions, SendResult } from '../channel';
import type { SmsProvider } from './sms-provider';

/** How the SMS channel prepares what it sends and reads. */
export interface SmsChannelOptions {
  readonly provider: SmsProvider;
  /** Region of national numbers (`06…` is French in Poitiers). */
  readonly country: string;
  /** Replace characters outside GSM-7 (’ œ ê…) so that an SMS holds 160 characters, not 70. */
  readonly transliterate: boolean;
  readonly logger: Logger;
}

/** The SMS text of a rendered message: menus are already numbered lines (SMS has no buttons). */
export function smsText(message: RenderedMessage, transliterate: boolean): string {
  return transliterate ? toGsm7(message.text) : message.text;
}

/**
 * SMS, whatever the provider: numbers in E.164 both ways, texts made GSM-7 where possible, a
 * message longer than three segments sent as several SMS cut between paragraphs (see smsParts;
 * a retry resumes at the first not sent), and the segments sent reported for the monthly
 * statistics.
 */
export class SmsChannel implements ChannelAdapter, ChannelReceiver {
  readonly kind = 'sms' as const;
  readonly capabilities = CHANNEL_CAPABILITIES.sms;

  constructor(private readonly options: SmsChannelOptions) {}

  async send(address: string, message: RenderedMessage, options: SendOptions = {}): Promise<SendResult> {
    const parts = smsParts(smsText(message, this.options.transliterate));
    let segments = 0;
    let providerId: string | undefined;
    for (let index = options.partsSent ?? 0; index < parts.length; index++) {
      const part = parts[index] ?? '';
      const result = await this.options.provider.send(address, part);
      // NOTE: the parts already sent stay sent: a retry sends the rest only.
      if (result.status === 'retry') return { ...result, partsSent: index };
      if (result.status === 'failed') return result;
      segments += smsCost(part).segments;
      providerId = result.providerId ?? providerId;
    }
    return { status: 'sent', segments, ...(providerId !== undefined ? { providerId } : {}) };
  }

  async start(handler: InboundHandler): Promise<void> {
    const { provider, country, logger } = this.options;
    await provider.start(async (sms) => {
      const address = toE164(sms.from, country as CountryCode);
      if (!address) {
        // Operators' short codes and named senders ("Orange") are not residents. No number logged.
        logger.warn('sms_sender_not_a_number', { provider: provider.name });
        return null;
      }
      return handler({ channel: 'sms', address, externalId: sms.id, text: sms.text });
    });
    logger.info('sms_started', { provider: provider.name });
  }

  stop(): Promise<void> {
    return this.options.provider.stop();
  }
}
