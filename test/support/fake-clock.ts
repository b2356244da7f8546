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
