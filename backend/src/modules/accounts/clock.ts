/** Injected wherever "now" matters, so tests can move time (expiry, lockout windows). */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
