import type { StateStore } from './ports.js';
import type { EpochMs } from './types.js';

interface PauseRecord {
  day: string;
  usedMs: number;
  pausedSince: EpochMs | null;
}

export interface PauseState {
  paused: boolean;
  remainingMs: number;
}

export function localDay(at: EpochMs, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));
}

/** Private time within a daily allowance; it ends by itself when the allowance is used up. */
export class PauseController {
  constructor(
    private readonly store: StateStore,
    private readonly allowanceMs: () => number,
    private readonly timeZone?: string,
  ) {}

  state(now: EpochMs): PauseState {
    const record = this.settle(now);
    const used = record.usedMs + (record.pausedSince === null ? 0 : now - record.pausedSince);
    return {
      paused: record.pausedSince !== null,
      remainingMs: Math.max(0, this.allowanceMs() - used),
    };
  }

  /** `false` when today's allowance is used up. */
  pause(now: EpochMs): boolean {
    const record = this.settle(now);
    if (record.pausedSince !== null) return true;
    if (record.usedMs >= this.allowanceMs()) return false;
    this.save({ ...record, pausedSince: now });
    return true;
  }

  resume(now: EpochMs): void {
    const record = this.settle(now);
    if (record.pausedSince === null) return;
    this.save({ ...record, usedMs: record.usedMs + (now - record.pausedSince), pausedSince: null });
  }

  private settle(now: EpochMs): PauseRecord {
    const day = localDay(now, this.timeZone);
    const raw = this.store.get('pause');
    let record: PauseRecord = raw
      ? (JSON.parse(raw) as PauseRecord)
      : { day, usedMs: 0, pausedSince: null };
    if (record.day !== day) {
      // A new day: a pause running over midnight goes on with a fresh allowance.
      record = { day, usedMs: 0, pausedSince: record.pausedSince === null ? null : now };
      this.save(record);
    }
    if (record.pausedSince !== null) {
      const allowance = this.allowanceMs();
      if (record.usedMs + (now - record.pausedSince) >= allowance) {
        record = { day, usedMs: allowance, pausedSince: null };
        this.save(record);
      }
    }
    return record;
  }

  private save(record: PauseRecord): void {
    this.store.set('pause', JSON.stringify(record));
  }
}
