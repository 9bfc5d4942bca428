/** Milliseconds in 24 hours: a UTC day. Local days may be 23 or 25 hours; see counting/time-zone. */
export const DAY_MS = 86_400_000;
