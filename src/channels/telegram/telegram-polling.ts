import { TelegramError, type Telegram } from 'telegraf';
import type { Logger } from '../../lib/logger';
import { pause } from '../../lib/pause';
import type { ChannelFailure } from '../channel';
import { readUpdate, type TelegramUpdate } from './telegram-update';

/** telegraf types its signal as the `abort-controller` polyfill's; node-fetch takes Node's own. */
type ApiSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];
const apiSignal = (signal: AbortSignal) => signal as unknown as ApiSignal;

/** Only what the bot handles; Telegram then does not even send the rest. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** How long one getUpdates waits for news (Telegram's long poll, in seconds). */
const LONG_POLL_SECONDS = 30;
/** Updates asked for at once: Telegram's maximum. */
const PAGE_SIZE = 100;
/** Waits after a failed getUpdates: doubling from the first to the last. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * What became of the updates of one page, in order: how many from the start are done (may be
 * acknowledged), and how long to wait before asking again for the rest, if any.
 */
export interface PageOutcome {
  readonly done: number;
  readonly retryAfterMs?: number;
}

/** Handles a page of updates; the first `done` are committed (or let go) and may be acknowledged. */
export type PageHandler = (updates: readonly TelegramUpdate[]) => Promise<PageOutcome>;

/**
 * Receives updates by long polling getUpdates, acknowledging each only once it is committed.
 * NOTE: https://core.telegram.org/bots/api#getupdates — "An update is considered confirmed as
 * soon as getUpdates is called with an offset higher than its update_id": the next offset is
 * the first update not yet committed, so an update the database could not take is delivered
 * again, never lost.
 *
 * - 409 Conflict (another process polls this token, or a webhook is set) and every other
 *   failure are retried with backoff, said once per episode with the likely cause.
 * - 401 Unauthorized and 404 Not Found (the token was revoked or is wrong) cannot pass by
 *   themselves: polling ends and `failed` is called, so that the process exits for a
 *   supervisor (and an operator) to see, instead of running deaf.
 */
export class TelegramPolling {
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private offset: number | undefined;

  constructor(
    private readonly telegram: Telegram,
    private readonly logger: Logger,
  ) {}

  /** Starts polling: removes any webhook first (getUpdates is refused while one is set). */
  async start(handlePage: PageHandler, failed: ChannelFailure): Promise<void> {
    await this.telegram.deleteWebhook();
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(handlePage, failed, abort.signal);
  }

  /** Stops: the long poll under way is abandoned, the page being handled is finished and confirmed. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.abort = null;
    this.loop = null;
    if (this.offset === undefined) return;
    // Confirms what was committed, so that the next start does not get it again (it would only be
    // recognised as a duplicate). Best effort: an update not confirmed is simply redelivered.
    await this.telegram.callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 }, { signal: apiSignal(AbortSignal.timeout(5_000)) }).catch(() => undefined);
  }

  private async run(handlePage: PageHandler, failed: ChannelFailure, signal: AbortSignal): Promise<void> {
    let failures = 0;
    let failing: string | null = null;
    while (!signal.aborted) {
      let raw: unknown[];
      try {
        raw = (await this.telegram.callApi(
          'getUpdates',
          { timeout: LONG_POLL_SECONDS, limit: PAGE_SIZE, allowed_updates: [...ALLOWED_UPDATES], ...(this.offset !== undefined ? { offset: this.offset } : {}) },
          { signal: apiSignal(signal) },
        )) as unknown[];
      } catch (error) {
        if (signal.aborted) return;
        if (isFatal(error)) {
          failed(new Error(`Telegram refused the bot token (${(error as TelegramError).code}): check TELEGRAM_BOT_TOKEN`));
          return;
        }
        failures++;
        const cause = causeOf(error);
        if (failing !== cause) this.logger.error(cause === 'conflict' ? 'telegram_polling_conflict' : 'telegram_polling_failed', { error: (error as Error).message, hint: hintFor(cause) });
        failing = cause;
        await pause(retryAfterMs(error) ?? Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1)), signal);
        continue;
      }
      if (failing !== null) this.logger.info('telegram_polling_resumed', { after_failures: failures });
      failures = 0;
      failing = null;
      await this.takePage(raw, handlePage, signal);
    }
  }

  /** Handles a page, then moves the offset past what is done; waits when some of it must come again. */
  private async takePage(raw: readonly unknown[], handlePage: PageHandler, signal: AbortSignal): Promise<void> {
    const updates: TelegramUpdate[] = [];
    for (const item of raw) {
      const update = readUpdate(item);
      if (update) updates.push(update);
      else this.logger.warn('telegram_update_unreadable');
      // An unreadable item still moves the offset past it, if it carries an id.
      const id = (item as { update_id?: unknown } | null)?.update_id;
      if (!update && typeof id === 'number') this.offset = Math.max(this.offset ?? 0, id + 1);
    }
    const outcome = await handlePage(updates);
    const last = updates[outcome.done - 1];
    if (last) this.offset = Math.max(this.offset ?? 0, last.update_id + 1);
    if (outcome.done < updates.length) await pause(outcome.retryAfterMs ?? FIRST_RETRY_MS, signal);
  }
}

/** The token is wrong or revoked: no retry will help. */
function isFatal(error: unknown): boolean {
  return error instanceof TelegramError && (error.code === 401 || error.code === 404);
}

type Cause = 'conflict' | 'rate_limited' | 'server' | 'network' | 'other';

function causeOf(error: unknown): Cause {
  if (!(error instanceof TelegramError)) return 'network';
  if (error.code === 409) return 'conflict';
  if (error.code === 429) return 'rate_limited';
  return error.code >= 500 ? 'server' : 'other';
}

/** What an operator should look at, in the log line. */
function hintFor(cause: Cause): string {
  switch (cause) {
    case 'conflict':
      return 'another process polls this bot token, or a webhook was set for it: stop the other one';
    case 'rate_limited':
      return 'Telegram asks to slow down';
    case 'server':
      return 'Telegram is having trouble; retrying';
    case 'network':
      return 'Telegram cannot be reached; retrying';
    case 'other':
      return 'retrying';
  }
}

/** The delay Telegram asked for (429 `retry_after`), in ms. */
function retryAfterMs(error: unknown): number | undefined {
  const seconds = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}
