import type { Clock } from '../../src/lib/clock';

/** A clock that only moves when told to, so that every stored time in a test is known. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start = '2026-11-22T09:00:00.000Z') {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** A seeded pseudo-random generator (mulberry32), for deterministic jitter. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
