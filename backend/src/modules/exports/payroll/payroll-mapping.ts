import type { AbsenceDay } from '#src/modules/working-time/attendance.service.js';
import { attendanceTotals } from '#src/modules/working-time/attendance.js';
import type { AttendanceRowDto } from '#src/modules/working-time/dto/attendance.dto.js';

/** What a payroll file can hold per employee and month; the mapping picks and names them. */
export const PAYROLL_FIELDS = [
  'employeeId',
  'employeeName',
  'periodStart',
  'periodEnd',
  'scheduledHours',
  'workedHours',
  'regularHours',
  'overtimeHours',
  'vacationDays',
  'vacationHours',
  'sickDays',
  'sickHours',
  'otherAbsenceDays',
  'otherAbsenceHours',
  'holidayDays',
  'daysPresent',
  'daysAbsent',
] as const;
export type PayrollField = (typeof PAYROLL_FIELDS)[number];

type FieldKind = 'text' | 'date' | 'duration' | 'days';
export const FIELD_KINDS: Record<PayrollField, FieldKind> = {
  employeeId: 'text',
  employeeName: 'text',
  periodStart: 'date',
  periodEnd: 'date',
  scheduledHours: 'duration',
  workedHours: 'duration',
  regularHours: 'duration',
  overtimeHours: 'duration',
  vacationDays: 'days',
  vacationHours: 'duration',
  sickDays: 'days',
  sickHours: 'duration',
  otherAbsenceDays: 'days',
  otherAbsenceHours: 'duration',
  holidayDays: 'days',
  daysPresent: 'days',
  daysAbsent: 'days',
};

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export const DURATION_FORMATS = ['decimal-hours', 'hh:mm', 'minutes'] as const;
export const DECIMAL_SEPARATORS = ['.', ','] as const;
export const CSV_DELIMITERS = [',', ';'] as const;
export const MAX_PAYROLL_COLUMNS = 30;
export const MAX_HEADER_LENGTH = 64;

export interface PayrollMapping {
  columns: { field: PayrollField; header: string }[];
  dateFormat: (typeof DATE_FORMATS)[number];
  durationFormat: (typeof DURATION_FORMATS)[number];
  decimalSeparator: (typeof DECIMAL_SEPARATORS)[number];
  /** Digits after the separator for decimal hours, 0–4. */
  decimals: number;
  csvDelimiter: (typeof CSV_DELIMITERS)[number];
}

export const DEFAULT_PAYROLL_MAPPING: PayrollMapping = {
  columns: [
    { field: 'employeeId', header: 'Employee ID' },
    { field: 'employeeName', header: 'Employee' },
    { field: 'periodStart', header: 'Period start' },
    { field: 'periodEnd', header: 'Period end' },
    { field: 'regularHours', header: 'Regular hours' },
    { field: 'overtimeHours', header: 'Overtime hours' },
    { field: 'vacationDays', header: 'Vacation days' },
    { field: 'vacationHours', header: 'Vacation hours' },
    { field: 'sickDays', header: 'Sick days' },
    { field: 'sickHours', header: 'Sick hours' },
    { field: 'otherAbsenceDays', header: 'Other absence days' },
    { field: 'otherAbsenceHours', header: 'Other absence hours' },
  ],
  dateFormat: 'YYYY-MM-DD',
  durationFormat: 'decimal-hours',
  decimalSeparator: '.',
  decimals: 2,
  csvDelimiter: ',',
};

/** Problems with a mapping the DTO cannot see: duplicate headers (case-insensitive, trimmed). */
export function mappingProblems(m: PayrollMapping): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const seen = new Map<string, number>();
  m.columns.forEach((c, i) => {
    const key = c.header.trim().toLowerCase();
    if (key.length === 0)
      out.push({ path: `columns.${i}.header`, message: 'header must not be blank' });
    const first = seen.get(key);
    if (first !== undefined && key.length > 0) {
      out.push({
        path: `columns.${i}.header`,
        message: `header "${c.header.trim()}" is used twice (columns ${first + 1} and ${i + 1})`,
      });
    } else seen.set(key, i);
  });
  return out;
}

/** One employee's payroll figures of a period, in seconds and days. */
export interface PayrollRecord {
  employeeId: string;
  employeeName: string;
  periodStart: string;
  periodEnd: string;
  scheduledSeconds: number;
  workedSeconds: number;
  regularSeconds: number;
  overtimeSeconds: number;
  absence: Record<'vacation' | 'sick' | 'other', { days: number; seconds: number }>;
  holidayDays: number;
  daysPresent: number;
  daysAbsent: number;
}

/**
 * An employee's month from their attendance rows (frozen rows in a locked period). Overtime
 * comes from the schedules: with no scheduled day in the period, every hour is regular.
 */
export function payrollRecord(
  employee: { id: string; fullName: string },
  rows: readonly AttendanceRowDto[],
  absences: readonly AbsenceDay[],
  period: { from: string; to: string },
): PayrollRecord {
  const t = attendanceTotals(rows);
  const scheduled = rows.some((r) => r.scheduledSeconds > 0);
  const overtime = scheduled ? t.overtimeSeconds : 0;
  const absence = {
    vacation: { days: 0, seconds: 0 },
    sick: { days: 0, seconds: 0 },
    other: { days: 0, seconds: 0 },
  };
  for (const a of absences) {
    const k = a.kind === 'vacation' || a.kind === 'sick' ? a.kind : 'other';
    absence[k].days += 1;
    absence[k].seconds += a.seconds;
  }
  return {
    employeeId: employee.id,
    employeeName: employee.fullName,
    periodStart: period.from,
    periodEnd: period.to,
    scheduledSeconds: t.scheduledSeconds,
    workedSeconds: t.workedSeconds,
    regularSeconds: t.workedSeconds - overtime,
    overtimeSeconds: overtime,
    absence,
    holidayDays: t.daysHoliday,
    daysPresent: t.daysPresent,
    daysAbsent: t.daysAbsent,
  };
}

function rawValue(r: PayrollRecord, field: PayrollField): string | number {
  switch (field) {
    case 'employeeId':
      return r.employeeId;
    case 'employeeName':
      return r.employeeName;
    case 'periodStart':
      return r.periodStart;
    case 'periodEnd':
      return r.periodEnd;
    case 'scheduledHours':
      return r.scheduledSeconds;
    case 'workedHours':
      return r.workedSeconds;
    case 'regularHours':
      return r.regularSeconds;
    case 'overtimeHours':
      return r.overtimeSeconds;
    case 'vacationDays':
      return r.absence.vacation.days;
    case 'vacationHours':
      return r.absence.vacation.seconds;
    case 'sickDays':
      return r.absence.sick.days;
    case 'sickHours':
      return r.absence.sick.seconds;
    case 'otherAbsenceDays':
      return r.absence.other.days;
    case 'otherAbsenceHours':
      return r.absence.other.seconds;
    case 'holidayDays':
      return r.holidayDays;
    case 'daysPresent':
      return r.daysPresent;
    case 'daysAbsent':
      return r.daysAbsent;
  }
}

export function formatDate(day: string, format: PayrollMapping['dateFormat']): string {
  const [y, m, d] = day.split('-');
  switch (format) {
    case 'YYYY-MM-DD':
      return day;
    case 'DD.MM.YYYY':
      return `${d}.${m}.${y}`;
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`;
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
  }
}

/** A duration as the number the mapping asks for: decimal hours (rounded) or whole minutes. */
export function durationNumber(seconds: number, m: PayrollMapping): number {
  if (m.durationFormat === 'minutes') return Math.round(seconds / 60);
  const scale = 10 ** m.decimals;
  return Math.round((seconds / 3600) * scale) / scale;
}

export function formatDuration(seconds: number, m: PayrollMapping): string {
  if (m.durationFormat === 'hh:mm') {
    const minutes = Math.round(seconds / 60);
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  }
  if (m.durationFormat === 'minutes') return String(durationNumber(seconds, m));
  return durationNumber(seconds, m).toFixed(m.decimals).replace('.', m.decimalSeparator);
}

/** A record as text cells in the mapping's order and formats (CSV, preview). */
export function textCells(r: PayrollRecord, m: PayrollMapping): string[] {
  return m.columns.map(({ field }) => {
    const v = rawValue(r, field);
    switch (FIELD_KINDS[field]) {
      case 'text':
        return String(v);
      case 'date':
        return formatDate(String(v), m.dateFormat);
      case 'duration':
        return formatDuration(Number(v), m);
      case 'days':
        return String(v);
    }
  });
}

/** A record as spreadsheet cells: numbers stay numbers (except hh:mm), dates as the mapping says. */
export function sheetCells(r: PayrollRecord, m: PayrollMapping): (string | number)[] {
  return m.columns.map(({ field }) => {
    const v = rawValue(r, field);
    switch (FIELD_KINDS[field]) {
      case 'text':
        return String(v);
      case 'date':
        return formatDate(String(v), m.dateFormat);
      case 'duration':
        return m.durationFormat === 'hh:mm'
          ? formatDuration(Number(v), m)
          : durationNumber(Number(v), m);
      case 'days':
        return Number(v);
    }
  });
}
