import type {
  Absence,
  AbsenceList,
  AbsenceStatus,
  Attendance,
  AttendanceRow,
  AttendanceTotals,
  AttendanceTotalsRow,
  Employee,
  Page,
} from '@app/api/models';
import type { Api } from '@app/core/http/api';
import { isoDay } from './dates';

/** `YYYY-MM` of the browser's today. */
export function currentMonth(): string {
  return isoDay(new Date()).slice(0, 7);
}

/** A `YYYY-MM` from a query parameter, or null when it is not one. */
export function parseMonth(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
  return value;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** Every day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export function monthRange(month: string): { from: string; to: string } {
  const days = daysOfMonth(month);
  return { from: days[0] ?? `${month}-01`, to: days[days.length - 1] ?? `${month}-01` };
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Calendar days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** Every employee the caller may see (the list pages at 200). */
export async function loadAllEmployees(
  api: Api,
  filters: { teamId?: string } = {},
): Promise<Employee[]> {
  const all: Employee[] = [];
  for (let page = 1; ; page++) {
    const res = await api.get<Page<Employee>>('/employees', { ...filters, page, pageSize: 200 });
    all.push(...res.items);
    if (res.items.length === 0 || all.length >= res.total) return all;
  }
}

export interface AttendanceFilters {
  from: string;
  to: string;
  teamId?: string;
  employeeId?: string;
}

/** Every attendance row of a range: follows `nextCursor` until the answer is complete. */
export async function loadAttendance(
  api: Api,
  params: AttendanceFilters,
): Promise<AttendanceRow[]> {
  const rows: AttendanceRow[] = [];
  let cursor: string | undefined;
  do {
    const res: Attendance = await api.get<Attendance>('/reports/attendance', {
      ...params,
      cursor,
    });
    rows.push(...res.rows);
    cursor = res.nextCursor;
  } while (cursor);
  return rows;
}

/** Every employee's totals over a range (the answer pages by employee). */
export async function loadAttendanceTotals(
  api: Api,
  params: AttendanceFilters,
): Promise<AttendanceTotalsRow[]> {
  const items: AttendanceTotalsRow[] = [];
  let cursor: string | undefined;
  do {
    const res: AttendanceTotals = await api.get<AttendanceTotals>('/reports/attendance/totals', {
      ...params,
      cursor,
    });
    items.push(...res.items);
    cursor = res.nextCursor;
  } while (cursor);
  return items;
}

/** Every absence matching the filters (overlapping from–to when given), in the caller's scope. */
export async function loadAbsences(
  api: Api,
  params: {
    from?: string;
    to?: string;
    teamId?: string;
    employeeId?: string;
    status?: AbsenceStatus;
  },
): Promise<Absence[]> {
  const items: Absence[] = [];
  let cursor: string | undefined;
  do {
    const res: AbsenceList = await api.get<AbsenceList>('/absences', { ...params, cursor });
    items.push(...res.items);
    cursor = res.nextCursor;
  } while (cursor);
  return items;
}
