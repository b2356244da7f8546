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
    times.push(clock.now().getTime() - start);
  }
  return times;
}

/** The most sends seen in any window of `windowMs` starting at a send. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe('SendPacer', () => {
  test('never exceeds the overall rate over any window, beyond its burst', async () => {
    const sends = Array.from({ length: 300 }, (_, i) => ['telegram', `chat-${i}`] as ['telegram', string]);
    const times = await pace({ telegram: { overall: { perSecond: 30, burst: 30 } } }, sends);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(30 + 30);
    expect(busiestWindow(times, 5_000)).toBeLessThanOrEqual(30 * 5 + 30);
    // 300 sends at 30/s after a burst of 30: nine seconds, not less.
    expect(times.at(-1)).toBeGreaterThanOrEqual(9_000);
    expect(times.at(-1)).toBeLessThanOrEqual(9_100);
  });

  test('paces one chat to its own rate after a short burst, without slowing the others', async () => {
    const times = await pace({ telegram: { perChat: { perSecond: 1, burst: 3 } } }, [
      ['telegram', 'a'],
      ['telegram', 'a'],
      ['telegram', 'a'],
      ['telegram', 'b'],
      ['telegram', 'a'],
      ['telegram', 'a'],
    ]);
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(times[4]).toBe(1_000);
    expect(times[5]).toBe(2_000);
  });

  test('a channel without limits never waits', async () => {
    const sends = Array.from({ length: 1000 }, () => ['console', 'x'] as ['console', string]);
    expect((await pace({ telegram: { overall: { perSecond: 1, burst: 1 } } }, sends)).at(-1)).toBe(0);
  });

  test('a quiet spell refills the bucket up to its burst, no more', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer({ telegram: { overall: { perSecond: 2, burst: 4 } } }, clock, async (ms) => clock.advance(ms));
    for (let i = 0; i < 4; i++) await pacer.wait('telegram', 'x');
    clock.advance(60_000);
    const start = clock.now().getTime();
    for (let i = 0; i < 4; i++) await pacer.wait('telegram', 'x');
    expect(clock.now().getTime()).toBe(start);
    await pacer.wait('telegram', 'x');
    expect(clock.now().getTime()).toBe(start + 500);
  });
});
