import type { ChannelKind } from '../domain/channel-kind';
import type { Settings } from '../config/settings';
import type { ChannelRates, Rate } from '../outbox/send-pacer';

/**
 * Messages the Matrix account may send at once: Synapse's default `rc_message` burst.
 * NOTE: https://element-hq.github.io/synapse/latest/usage/configuration/config_documentation.html#rc_message
 */
const MATRIX_BURST = 10;

function rate(perSecond: number, burst: number): Rate | undefined {
  return perSecond > 0 ? { perSecond, burst: Math.max(1, burst) } : undefined;
}

/** The send rates of every configured channel; the console has none. */
export function channelRates(settings: Settings): Partial<Record<ChannelKind, ChannelRates>> {
  const rates: Partial<Record<ChannelKind, ChannelRates>> = {};
  const telegram = settings.telegram;
  if (telegram) {
    // NOTE: https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this —
    // "avoid sending more than one message per second" in a chat, 30 a second overall: no bursts.
    const overall = rate(telegram.rateLimit, 1);
    const perChat = rate(telegram.chatRateLimit, 1);
    rates.telegram = { ...(overall ? { overall } : {}), ...(perChat ? { perChat } : {}) };
  }
  // Homeservers limit what an account sends overall, whatever the room: no per-chat rate.
  const matrix = settings.matrix && rate(settings.matrix.rateLimit, Math.max(MATRIX_BURST, settings.matrix.rateLimit));
  if (matrix) rates.matrix = { overall: matrix };
  const sms = settings.sms ? rate(settings.sms.rateLimit, 1) : undefined;
  // One provider for every number: an overall rate only (SMS is not rate-limited per recipient).
  if (sms) rates.sms = { overall: sms };
  return rates;
}
