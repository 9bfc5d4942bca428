import { PauseController } from './pause.js';
import type { StateStore } from './ports.js';

function memoryStore(): StateStore {
  const map = new Map<string, string>();
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => (v === null ? map.delete(k) : map.set(k, v)),
  };
}

describe('PauseController', () => {
  const minute = 60_000;
  const t0 = Date.UTC(2026, 10, 2, 9);

  it('pauses within the daily allowance and ends the pause when it is used up', () => {
    const pauses = new PauseController(memoryStore(), () => 30 * minute, 'UTC');
    expect(pauses.pause(t0)).toBe(true);
    expect(pauses.state(t0 + 10 * minute)).toEqual({ paused: true, remainingMs: 20 * minute });
    pauses.resume(t0 + 10 * minute);
    expect(pauses.state(t0 + 11 * minute)).toEqual({ paused: false, remainingMs: 20 * minute });
    expect(pauses.pause(t0 + 60 * minute)).toBe(true);
    expect(pauses.state(t0 + 85 * minute)).toEqual({ paused: false, remainingMs: 0 });
    expect(pauses.pause(t0 + 90 * minute)).toBe(false);
  });

  it('gives a fresh allowance the next day', () => {
    const pauses = new PauseController(memoryStore(), () => 15 * minute, 'UTC');
    pauses.pause(t0);
    pauses.resume(t0 + 15 * minute);
    expect(pauses.pause(t0 + 20 * minute)).toBe(false);
    expect(pauses.pause(t0 + 24 * 60 * minute)).toBe(true);
  });
});
