import type { ChannelKind } from '../domain/channel-kind';
import type { Clock } from '../lib/clock';

/** A rate: `perSecond` on average, with up to `burst` at once after a quiet spell. */
export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

/** The limits of one channel: overall, and per chat (per address). Absent means unlimited. */
export interface ChannelRates {
  readonly overall?: Rate;
  readonly perChat?: Rate;
}

/** A token bucket: `tokens` at time `at` (ms). */
interface Bucket {
  tokens: number;
  at: number;
}

/** Forget per-chat buckets once this many are kept: an idle chat's bucket is full anyway. */
const MAX_CHAT_BUCKETS = 10_000;

/**
 * Paces sends so that each channel stays within the rates its platform accepts (token buckets,
 * overall and per chat). `wait` resolves when a send may go; the clock and the sleep are
 * injected, so tests run in fake time.
 */
export class SendPacer {
  private readonly overall = new Map<ChannelKind, Bucket>();
  private readonly perChat = new Map<string, Bucket>();

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
    for (;;) {
      const now = this.clock.now().getTime();
      const delay = Math.max(this.delay(this.overall, channel, limits.overall, now), this.delay(this.perChat, chatKey, limits.perChat, now));
      if (delay <= 0) {
        this.take(this.overall, channel, limits.overall, now);
        this.take(this.perChat, chatKey, limits.perChat, now);
        if (this.perChat.size > MAX_CHAT_BUCKETS) this.forgetIdleChats(now);
        return;
      }
      await this.sleep(delay);
    }
  }

  private refill<K>(buckets: Map<K, Bucket>, key: K, rate: Rate, now: number): Bucket {
    const bucket = buckets.get(key) ?? { tokens: rate.burst, at: now };
    bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    return bucket;
  }

  /** Milliseconds until the bucket holds a whole token (0 when it does now). */
  private delay<K>(buckets: Map<K, Bucket>, key: K, rate: Rate | undefined, now: number): number {
    if (!rate) return 0;
    const bucket = this.refill(buckets, key, rate, now);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / rate.perSecond) * 1000);
  }

  private take<K>(buckets: Map<K, Bucket>, key: K, rate: Rate | undefined, now: number): void {
    if (!rate) return;
    this.refill(buckets, key, rate, now).tokens -= 1;
  }

  /** A chat idle for a minute has refilled its bucket: forgetting it changes nothing. */
  private forgetIdleChats(now: number): void {
    for (const [key, bucket] of this.perChat) if (bucket.at < now - 60_000) this.perChat.delete(key);
  }
}
