import type { ChannelKind } from '../domain/channel-kind';
import type { Clock } from '../lib/clock';

/**
 * A rate: `perSecond` on average, and `burst`: how many may go at once after a quiet spell
 * (1: never more than the rate in any one second).
 */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

/** The limits of one channel: overall, and per chat (per address). Absent means unlimited. */
export interface ChannelRates {
  readonly overall?: Rate;
  readonly perChat?: Rate;
}

/** A rate as a sliding window: at most `count` sends in any `windowMs`. */
interface Window {
  readonly count: number;
  readonly windowMs: number;
}

/**
 * The sliding window of a rate. With a burst of at most the rate (Telegram's 30 a second, an SMS
 * a second, one a second per chat), it is one second: never more than the rate in ANY one-second
 * window. A slower rate with a burst (Synapse's 0.2 a second, bursts of 10) is `burst` sends in
 * any `burst / rate` seconds, which never exceeds the homeserver's own bucket. A fractional rate
 * above 1 is rounded down: a window never holds more than the rate allows.
 */
export function windowOf(rate: Rate): Window {
  const windowMs = 1000 * Math.max(1, rate.burst / rate.perSecond);
  return { count: Math.max(1, Math.floor((rate.perSecond * windowMs) / 1000 + 1e-9)), windowMs };
}

/** The times of the latest sends under one limit, oldest first (at most `count` of them). */
type Sent = number[];

/** Forget per-chat history once this many chats are kept: a chat idle for a window is free anyway. */
const MAX_CHAT_HISTORIES = 10_000;

/**
 * Paces sends so that each channel stays within the rates its platform accepts, overall and per
 * chat, exactly: a send goes only when the `count`-th send before it is at least a window old,
 * so no window of that length ever holds more than `count` sends — unlike a token bucket, which
 * lets a full bucket plus its refill through in one second (twice the rate) — while a channel
 * kept busy sends at the full rate. `wait` resolves when a send may go; the clock and the sleep
 * are injected, so tests run in fake time.
 */
export class SendPacer {
  private readonly overall = new Map<ChannelKind, Sent>();
  private readonly perChat = new Map<string, Sent>();

  constructor(
    private readonly rates: Readonly<Partial<Record<ChannelKind, ChannelRates>>>,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Waits until a message may be sent to `address` on `channel`, and counts it as sent. */
  async wait(channel: ChannelKind, address: string): Promise<void> {
    const limits = this.rates[channel];
    if (!limits?.overall && !limits?.perChat) return;
    const chatKey = `${channel}\u0000${address}`;
    const overall = limits.overall && windowOf(limits.overall);
    const perChat = limits.perChat && windowOf(limits.perChat);
    for (;;) {
      const now = this.clock.now().getTime();
      const delay = Math.max(this.delay(this.overall, channel, overall, now), this.delay(this.perChat, chatKey, perChat, now));
      if (delay <= 0) {
        this.record(this.overall, channel, overall, now);
        this.record(this.perChat, chatKey, perChat, now);
        if (this.perChat.size > MAX_CHAT_HISTORIES) this.forgetIdleChats(now);
        return;
      }
      await this.sleep(delay);
    }
  }

  /** Milliseconds until the window has room (0 when it has now). */
  private delay<K>(histories: Map<K, Sent>, key: K, window: Window | undefined, now: number): number {
    const sent = window && histories.get(key);
    if (!window || !sent || sent.length < window.count) return 0;
    return (sent[0] ?? 0) + window.windowMs - now;
  }

  private record<K>(histories: Map<K, Sent>, key: K, window: Window | undefined, now: number): void {
    if (!window) return;
    const sent = histories.get(key) ?? [];
    sent.push(now);
    if (sent.length > window.count) sent.shift();
    histories.set(key, sent);
  }

  /** A chat whose latest send is over a minute old has its whole window free: forgetting it changes nothing. */
  private forgetIdleChats(now: number): void {
    for (const [key, sent] of this.perChat) if ((sent.at(-1) ?? 0) < now - 60_000) this.perChat.delete(key);
  }
}
