import type { EpochMs } from '../types.js';

export interface ScheduleRule {
  intervalSeconds: number;
  randomize: boolean;
}

/**
 * When the next capture is due. Time is cut into intervals aligned to the epoch (so a restart keeps
 * the rhythm): a capture at the start of each interval, or, randomized, at one moment drawn at
 * random within it; an interval already under way when the agent starts gets its capture in what is
 * left of it. An interval gets one capture at most, also across restarts (`lastSlot` is kept by the
 * caller). A moment that found the person away is moved later within its interval (`postpone`),
 * never into the next one.
 */
export class CaptureSchedule {
  private planned: { slot: number; at: EpochMs; key: string } | null = null;

  constructor(private readonly random: () => number = Math.random) {}

  /** The next moment to capture at, at or after `now`, skipping slots up to `lastSlot`. */
  next(rule: ScheduleRule, now: EpochMs, lastSlot: number | null): { slot: number; at: EpochMs } {
    const interval = rule.intervalSeconds * 1000;
    const key = `${interval}:${rule.randomize}`;
    if (
      this.planned !== null &&
      this.planned.key === key &&
      this.planned.slot > (lastSlot ?? -Infinity) &&
      Math.floor(now / interval) <= this.planned.slot
    ) {
      return { slot: this.planned.slot, at: this.planned.at };
    }
    const slot = Math.max(Math.floor(now / interval), (lastSlot ?? -Infinity) + 1);
    const start = slot * interval;
    let at = start + (rule.randomize ? Math.floor(this.random() * interval) : 0);
    if (at < now) {
      // The interval began before the agent ran (or before screenshots were on): its capture
      // falls in what is left of it — now, or randomized, a moment drawn in the rest.
      const end = start + interval;
      at = rule.randomize ? now + Math.floor(this.random() * (end - now)) : now;
    }
    this.planned = { slot, at, key };
    return { slot, at };
  }

  /**
   * The planned moment found the person away (idle, paused, something excluded in front): a later
   * one in the same interval, at least `minDelayMs` on (randomized: drawn in what is left of the
   * interval). Null when the interval has no room left.
   */
  postpone(rule: ScheduleRule, slot: number, now: EpochMs, minDelayMs: number): EpochMs | null {
    const interval = rule.intervalSeconds * 1000;
    const end = (slot + 1) * interval;
    const earliest = now + minDelayMs;
    if (earliest >= end) return null;
    const at = rule.randomize ? earliest + Math.floor(this.random() * (end - earliest)) : earliest;
    this.planned = { slot, at, key: `${interval}:${rule.randomize}` };
    return at;
  }

  /** Whether `now` is still inside the interval a capture was planned for. */
  static inSlot(rule: ScheduleRule, slot: number, now: EpochMs): boolean {
    return Math.floor(now / (rule.intervalSeconds * 1000)) === slot;
  }
}
