import type { CsvDelimiter } from '../../../common/csv/spreadsheet-text.js';
import type { ExportLocale } from './table.js';

const DECIMAL: Record<ExportLocale, string> = { en: '.', ru: ',', uk: ',' };
const DATE_SEPARATOR: Record<ExportLocale, string> = { en: '/', ru: '.', uk: '.' };

/** Hours with two decimals and the locale's decimal separator, no grouping (stays machine-readable). */
export function formatHours(seconds: number, locale: ExportLocale): string {
  return hoursValue(seconds).toFixed(2).replace('.', DECIMAL[locale]);
}

/** Hundredths of an hour are 36 s: rounding whole seconds / 36 is exact, unlike / 3600 * 100. */
export function hoursValue(seconds: number): number {
  return Math.round(seconds / 36) / 100;
}

/** A day (YYYY-MM-DD) as dd/mm/yyyy (en) or dd.mm.yyyy (ru, uk). */
export function formatDay(day: string, locale: ExportLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const sep = DATE_SEPARATOR[locale];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * A local time with offset (2026-11-24T09:03:12+02:00) shown as the wall-clock time it names, in the
 * employee's zone, without converting it to the reader's.
 */
export function formatDateTime(iso: string, locale: ExportLocale): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  if (!m) return iso;
  return `${formatDay(m[1], locale)} ${m[2]}`;
}

export const CSV_DELIMITER: Record<ExportLocale, CsvDelimiter> = { en: ',', ru: ';', uk: ';' };
