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

/** How one limit decides: how long until a send may go, and counting a send. */
interface Limiter {
  delay(now: number): number;
  record(now: number): void;
  /** When it last counted a send. */
  readonly last: number;
}

/**
 * The window, in whole milliseconds of the clock: a second and one millisecond. NOTE: two clock
 * readings 1,000 apart may be 999.x ms apart in truth; the benchmark, timing sends from outside,
 * saw 31 sends in a second at 30 a second. The price is 0.1% of the rate.
 */
const WINDOW_MS = 1_001;

/**
 * A rate whose burst is at most its rate (Telegram's 30 a second, an SMS a second, one a second
 * per chat) as a sliding window of one second: a send goes only when the `count`-th send before
 * it is more than a second old (WINDOW_MS), so no one-second window ever holds more than the
 * rate — a token bucket would let a full bucket plus its refill through in one second, twice
 * the rate — while a channel kept busy sends at the full rate. A fractional rate is rounded down.
 */
class SlidingWindow implements Limiter {
  private readonly sent: number[] = [];
  constructor(private readonly count: number) {}

  get last(): number {
    return this.sent.at(-1) ?? 0;
  }

  delay(now: number): number {
    return this.sent.length < this.count ? 0 : (this.sent[0] ?? 0) + WINDOW_MS - now;
  }

  record(now: number): void {
    this.sent.push(now);
    if (this.sent.length > this.count) this.sent.shift();
  }
}

/**
 * A slow rate with a burst (Synapse's 0.2 a second, bursts of 10) as the very bucket the
 * homeserver keeps: `burst` at once, then one each 1/rate seconds. It never lets through more
 * than the homeserver accepts (burst + rate × t in any t seconds).
 * NOTE: https://element-hq.github.io/synapse/latest/usage/configuration/config_documentation.html#ratelimiting
 */
class TokenBucket implements Limiter {
  private tokens: number;
  last = 0;
  constructor(private readonly rate: Rate) {
    this.tokens = rate.burst;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
  }

  delay(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000);
  }

  record(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

/** The limiter that keeps a rate exactly (see SlidingWindow and TokenBucket). */
export function limiterOf(rate: Rate): Limiter {
  return rate.burst <= rate.perSecond ? new SlidingWindow(Math.max(1, Math.floor(rate.perSecond + 1e-9))) : new TokenBucket(rate);
}

/** Forget per-chat limiters once this many are kept: a chat idle for a minute is free anyway. */
const MAX_CHAT_LIMITERS = 10_000;

/**
 * Paces sends so that each channel stays within the rates its platform accepts, overall and per
 * chat, exactly (see limiterOf). `wait` resolves when a send may go; the clock and the sleep are
 * injected, so tests run in fake time.
 */
export class SendPacer {
  private readonly overall = new Map<ChannelKind, Limiter>();
  private readonly perChat = new Map<string, Limiter>();

  constructor(
    private readonly rates: Readonly<Partial<Record<ChannelKind, ChannelRates>>>,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /**
   * Waits until a message may be sent to `address` on `channel`. Call `sending` when it goes,
   * with no `await` between: one sender at a time, so the turn cannot be taken meanwhile.
   */
  async wait(channel: ChannelKind, address: string): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const delay = Math.max(...this.limitersOf(channel, address).map((limiter) => limiter.delay(now)), 0);
      if (delay <= 0) return;
      await this.sleep(delay);
    }
  }

  /**
   * Counts a message to `address` on `channel` as sent now. NOTE: counted when it really goes,
   * not when its turn came: the event loop may run other work (a group of inbound messages)
   * between the two, and a send counted early lets the next one go early — 31 in a second.
   */
  sending(channel: ChannelKind, address: string): void {
    const now = this.clock.now().getTime();
    for (const limiter of this.limitersOf(channel, address)) limiter.record(now);
    if (this.perChat.size > MAX_CHAT_LIMITERS) this.forgetIdleChats(now);
  }

  private limitersOf(channel: ChannelKind, address: string): Limiter[] {
    const limits = this.rates[channel];
    return [
      ...(limits?.overall ? [limiterFor(this.overall, channel, limits.overall)] : []),
      ...(limits?.perChat ? [limiterFor(this.perChat, `${channel}\u0000${address}`, limits.perChat)] : []),
    ];
  }

  /** A chat whose latest send is over a minute old is as free as a new one: forgetting it changes nothing. */
  private forgetIdleChats(now: number): void {
    for (const [key, limiter] of this.perChat) if (limiter.last < now - 60_000) this.perChat.delete(key);
  }
}

function limiterFor<K>(limiters: Map<K, Limiter>, key: K, rate: Rate): Limiter {
  const known = limiters.get(key) ?? limiterOf(rate);
  limiters.set(key, known);
  return known;
}
