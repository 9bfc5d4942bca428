import type { EpochMs } from './types.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Tracking happens only inside these local-time windows (`HH:MM`, end exclusive). */
export interface WorkSchedule {
  timeZone: string;
  days: Partial<Record<Weekday, Array<[string, string]>>>;
}

const SHORT_TO_DAY: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

function minutes(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`bad time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function validateSchedule(schedule: WorkSchedule): void {
  new Intl.DateTimeFormat('en-US', { timeZone: schedule.timeZone });
  for (const windows of Object.values(schedule.days)) {
    for (const [from, to] of windows ?? []) {
      if (minutes(from) >= minutes(to)) throw new Error(`empty work window ${from}-${to}`);
    }
  }
}

/** `null` schedule = always within work hours. */
export function isWithinWorkHours(schedule: WorkSchedule | null, at: EpochMs): boolean {
  if (schedule === null) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: schedule.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = SHORT_TO_DAY[get('weekday')];
  if (day === undefined) return false;
  const now = Number(get('hour')) * 60 + Number(get('minute'));
  return (schedule.days[day] ?? []).some(([from, to]) => now >= minutes(from) && now < minutes(to));
}
