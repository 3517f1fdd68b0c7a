/** Time comes from a clock, so tests can move it (grace periods, expiry) without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
