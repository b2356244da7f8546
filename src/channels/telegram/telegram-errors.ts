import { TelegramError } from 'telegraf';
import type { SendResult } from '../channel';

/**
 * Classifies a failed Bot API call.
 * NOTE: https://core.telegram.org/bots/api#making-requests and
 * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this —
 * 429 carries `retry_after` seconds; 403 means the person blocked the bot (or never started it),
 * which no retry will change; other 4xx are our mistakes; 5xx and network failures pass.
 */
export function classifySendError(error: unknown): SendResult {
  if (error instanceof TelegramError) {
    const reason = `telegram_${error.code}: ${error.description}`;
    if (error.code === 429) return { status: 'retry', reason, retryAfterMs: (error.parameters?.retry_after ?? 1) * 1000 };
    if (error.code === 403) return { status: 'failed', reason, unreachable: true };
    if (error.code >= 500) return { status: 'retry', reason };
    return { status: 'failed', reason };
  }
  const err = error as { name?: string; code?: string; message?: string };
  return { status: 'retry', reason: `network: ${err.code ?? err.name ?? 'error'} ${err.message ?? ''}`.trim() };
}
