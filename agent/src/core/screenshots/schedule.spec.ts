import { CaptureSchedule } from './schedule.js';

const HOUR = 3600_000;
const T = Date.UTC(2026, 10, 2, 9);

describe('the capture schedule', () => {
  it('fixed: at the start of the next interval, one per interval', () => {
    const schedule = new CaptureSchedule(() => 0.99);
    const rule = { intervalSeconds: 3600, randomize: false };
    expect(schedule.next(rule, T, null)).toEqual({ slot: T / HOUR, at: T });
    // Planned moments stay due while their interval lasts (a sleep that overshot a little).
    expect(schedule.next(rule, T + 1, null).at).toBe(T);
    expect(schedule.next(rule, T + 1, T / HOUR).at).toBe(T + HOUR);
    // Started after the start of an interval: its capture is now.
    expect(new CaptureSchedule().next(rule, T + 1000, null)).toEqual({
      slot: T / HOUR,
      at: T + 1000,
    });
  });

  it('random: a moment drawn once per interval, kept until it has passed', () => {
    let draws = 0;
    const schedule = new CaptureSchedule(() => (draws += 1) && 0.25);
    const rule = { intervalSeconds: 3600, randomize: true };
    const first = schedule.next(rule, T, null);
    expect(first.at).toBe(T + HOUR / 4);
    expect(schedule.next(rule, T + 60_000, null)).toEqual(first);
    expect(draws).toBe(1);
    // Slept past it but still in its interval: still due.
    expect(schedule.next(rule, T + HOUR / 2, null)).toEqual(first);
    // Once taken, the next interval.
    expect(schedule.next(rule, T + HOUR / 2, first.slot).at).toBe(T + HOUR + HOUR / 4);
  });

  it('random: an interval whose drawn moment had passed at the start gets one in what is left', () => {
    const schedule = new CaptureSchedule(() => 0.25);
    const rule = { intervalSeconds: 3600, randomize: true };
    expect(schedule.next(rule, T + HOUR / 2, null)).toEqual({
      slot: T / HOUR,
      at: T + HOUR / 2 + HOUR / 8,
    });
    // Not drawn again while it is pending.
    expect(schedule.next(rule, T + HOUR / 2 + 1000, null).at).toBe(T + HOUR / 2 + HOUR / 8);
  });

  it('plans afresh when the policy’s interval changes', () => {
    const schedule = new CaptureSchedule(() => 0);
    const hourly = schedule.next({ intervalSeconds: 3600, randomize: false }, T, T / HOUR - 1);
    expect(hourly.at).toBe(T);
    // Ten-minute intervals: the hour's slot number means something else, so it is planned anew.
    const tenMinutes = schedule.next(
      { intervalSeconds: 600, randomize: false },
      T + 1,
      T / 600_000,
    );
    expect(tenMinutes.at).toBe(T + 600_000);
  });
});

describe('a moment that found the person away', () => {
  const rule = { intervalSeconds: 600, randomize: false };

  it('moves on within its interval, then gives the interval up', () => {
    const schedule = new CaptureSchedule(() => 0);
    const { slot, at } = schedule.next(rule, T, null);
    expect(schedule.postpone(rule, slot, at, 60_000)).toBe(T + 60_000);
    expect(schedule.next(rule, T + 60_000, null)).toEqual({ slot, at: T + 60_000 });
    expect(schedule.postpone(rule, slot, T + 540_000, 60_000)).toBeNull();
  });

  it('randomized: drawn again in what is left of the interval', () => {
    const schedule = new CaptureSchedule(() => 0.5);
    const random = { intervalSeconds: 600, randomize: true };
    const { slot } = schedule.next(random, T, null);
    expect(schedule.postpone(random, slot, T + 300_000, 60_000)).toBe(T + 360_000 + 120_000);
  });
});
