/** The time source. Production uses the system clock; tests inject a fixed or stepping one. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
