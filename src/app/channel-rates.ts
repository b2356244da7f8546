import type { ChannelKind } from '../domain/channel-kind';
import type { Settings } from '../config/settings';
import type { ChannelRates, Rate } from '../outbox/send-pacer';

/** Messages a chat may receive at once before the per-chat rate applies (a reply of a few messages). */
const CHAT_BURST = 3;
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
    const overall = rate(telegram.rateLimit, telegram.rateLimit);
    const perChat = rate(telegram.chatRateLimit, CHAT_BURST);
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
