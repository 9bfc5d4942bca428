import type { AwData } from './transforms.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** An RFC 3339 time as epoch milliseconds, keeping fractions below the millisecond; NaN if bad. */
export function parseTimestamp(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const m = RFC3339.exec(value.trim());
  if (!m) return NaN;
  const zone = m[4]!.toUpperCase() === 'Z' ? 'Z' : m[4]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const whole = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(whole)) return NaN;
  return whole + (m[3] ? Number(`0${m[3]}`) * 1000 : 0);
}

/** Epoch milliseconds as RFC 3339 in UTC, with microseconds when there are any. */
export function formatTimestamp(ms: number): string {
  const total = Math.round(ms * 1000);
  const whole = Math.floor(total / 1000);
  const iso = new Date(whole).toISOString();
  const micros = total - whole * 1000;
  if (micros === 0) return iso.replace('.000Z', 'Z');
  return iso.replace(/Z$/, `${String(micros).padStart(3, '0')}Z`);
}

export interface WireAwEvent {
  id?: number;
  timestamp: string;
  duration: number;
  data: AwData;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** An event as aw-server accepts it: `timestamp`, `duration` (seconds, default 0), `data`. */
export function checkEvent(
  raw: unknown,
): Checked<{ id?: number; start: number; end: number; data: AwData }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'an event must be a JSON object' };
  }
  const e = raw as Record<string, unknown>;
  const start = parseTimestamp(e.timestamp);
  if (Number.isNaN(start)) {
    return { ok: false, message: 'timestamp must be an RFC 3339 date-time with a time zone' };
  }
  const duration = e.duration ?? 0;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
    return { ok: false, message: 'duration must be a number of seconds, 0 or more' };
  }
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) {
    return { ok: false, message: 'data must be a JSON object' };
  }
  const id = e.id;
  if (id !== undefined && id !== null && !(typeof id === 'number' && Number.isSafeInteger(id))) {
    return { ok: false, message: 'id must be an integer' };
  }
  const value: { id?: number; start: number; end: number; data: AwData } = {
    start,
    end: start + duration * 1000,
    data: e.data as AwData,
  };
  if (typeof id === 'number') value.id = id;
  return { ok: true, value };
}

export function toWire(e: { id: number; start: number; end: number; data: AwData }): WireAwEvent {
  return {
    id: e.id,
    timestamp: formatTimestamp(e.start),
    duration: (e.end - e.start) / 1000,
    data: e.data,
  };
}
