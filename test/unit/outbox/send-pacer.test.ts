import { SendPacer, type ChannelRates } from '../../../src/outbox/send-pacer';
import { FakeClock } from '../../support/fake-clock';

/** Sends `count` messages through the pacer in fake time; returns each send's time in ms from the start. */
async function pace(rates: Partial<Record<'telegram' | 'console', ChannelRates>>, sends: readonly [channel: 'telegram' | 'console', address: string][]) {
  const clock = new FakeClock();
  const start = clock.now().getTime();
  const pacer = new SendPacer(rates, clock, async (ms) => clock.advance(ms));
  const times: number[] = [];
  for (const [channel, address] of sends) {
    await pacer.wait(channel, address);
    pacer.sending(channel, address);
    times.push(clock.now().getTime() - start);
  }
  return times;
}

/** The most sends seen in any window of `windowMs` starting at a send. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

/** The most sends in any window of `windowMs` (sliding, starting at a send). */
function sendsInWindows(times: readonly number[], windowMs: number): number {
  return busiestWindow(times, windowMs);
}

describe('SendPacer', () => {
  test('never exceeds the overall rate in ANY one-second window, and keeps the full rate when busy', async () => {
    const sends = Array.from({ length: 300 }, (_, i) => ['telegram', `chat-${i}`] as ['telegram', string]);
    const times = await pace({ telegram: { overall: { perSecond: 30, burst: 1 } } }, sends);
    expect(sendsInWindows(times, 1_000)).toBe(30);
    // 300 sends at 30 a second: the first 30 at once, then 30 each second (of 1,001 ms, see WINDOW_MS): nine seconds.
    expect(times.at(-1)).toBe(9_009);
  });

  test('paces one chat to one message a second, without slowing the others', async () => {
    const times = await pace({ telegram: { perChat: { perSecond: 1, burst: 1 } } }, [
      ['telegram', 'a'],
      ['telegram', 'b'],
      ['telegram', 'a'],
      ['telegram', 'a'],
      ['telegram', 'c'],
    ]);
    expect(times).toEqual([0, 0, 1_001, 2_002, 2_002]);
  });

  test("a slow rate with a burst (a homeserver's 0.2 a second, bursts of 10) is the homeserver's own bucket", async () => {
    const sends = Array.from({ length: 30 }, () => ['telegram', 'room'] as ['telegram', string]);
    const times = await pace({ telegram: { overall: { perSecond: 0.2, burst: 10 } } }, sends);
    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    // Then one every 5 seconds, as Synapse refills.
    expect(times.slice(10, 13)).toEqual([5_000, 10_000, 15_000]);
    for (const t of [1_000, 10_000, 50_000, 100_000]) expect(sendsInWindows(times, t)).toBeLessThanOrEqual(10 + (0.2 * t) / 1000);
  });

  test('a fractional rate above one a second is rounded down: never more than the rate in a second', async () => {
    const sends = Array.from({ length: 20 }, (_, i) => ['telegram', `c${i}`] as ['telegram', string]);
    expect(sendsInWindows(await pace({ telegram: { overall: { perSecond: 2.5, burst: 1 } } }, sends), 1_000)).toBe(2);
  });

  test('a channel without limits never waits', async () => {
    const sends = Array.from({ length: 1000 }, () => ['console', 'x'] as ['console', string]);
    expect((await pace({ telegram: { overall: { perSecond: 1, burst: 1 } } }, sends)).at(-1)).toBe(0);
  });

  test('after a quiet spell a full window goes at once, then the rate again', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ telegram: { overall: { perSecond: 2, burst: 1 } } }, clock, async (ms) => clock.advance(ms));
    const send = async () => {
      await pacer.wait('telegram', 'x');
      pacer.sending('telegram', 'x');
    };
    for (let i = 0; i < 2; i++) await send();
    clock.advance(60_000);
    const start = clock.now().getTime();
    for (let i = 0; i < 2; i++) await send();
    expect(clock.now().getTime()).toBe(start);
    await send();
    expect(clock.now().getTime()).toBe(start + 1_001);
  });

  test('a message is counted when it goes, not when its turn came: one held up after its turn pushes the next back', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ telegram: { perChat: { perSecond: 1, burst: 1 } } }, clock, async (ms) => clock.advance(ms));
    const start = clock.now().getTime();
    await pacer.wait('telegram', 'x');
    // Other work holds the event loop for 30 ms before this message really goes.
    clock.advance(30);
    pacer.sending('telegram', 'x');
    await pacer.wait('telegram', 'x');
    expect(clock.now().getTime() - start).toBe(1_031);
  });
});
