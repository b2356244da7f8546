/** The time source. Production uses the system clock; tests inject a fixed or stepping one. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and then runs at the real pace: "as if it were that time", for
 * demonstrations and for operators catching up (`parlons tick --now`).
 */
export function clockStartingAt(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}
