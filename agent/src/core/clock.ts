import type { Clock } from './ports.js';

function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const systemClock: Clock = { now: () => Date.now(), sleep: sleepReal };

/**
 * Virtual time for scripted runs: `sleep(ms)` advances the clock by `ms` after `ms / speed` of
 * real time. Starting it at the last recorded tick lets a killed agent resume its script.
 */
export class ScriptedClock implements Clock {
  constructor(
    private current: number,
    private readonly speed: number,
  ) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await sleepReal(ms / this.speed, signal);
    if (!signal?.aborted) this.current += ms;
  }
}
