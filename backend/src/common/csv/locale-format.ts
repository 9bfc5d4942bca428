import type { CsvDelimiter } from './spreadsheet-text.js';

// How files people open in a spreadsheet write dates and separate fields, per language. The
// exports module and the audit log's CSV share it, so a day reads the same in both.

export const CSV_LOCALES = ['en', 'ru', 'uk'] as const;
export type CsvLocale = (typeof CSV_LOCALES)[number];

const DATE_SEPARATOR: Record<CsvLocale, string> = { en: '/', ru: '.', uk: '.' };

/** The list separator a spreadsheet in that language expects (';' where ',' is the decimal mark). */
export const CSV_DELIMITER: Record<CsvLocale, CsvDelimiter> = { en: ',', ru: ';', uk: ';' };

export function isCsvLocale(value: string | null | undefined): value is CsvLocale {
  return (CSV_LOCALES as readonly string[]).includes(value ?? '');
}

/** A day (YYYY-MM-DD) as dd/mm/yyyy (en) or dd.mm.yyyy (ru, uk). */
export function formatDay(day: string, locale: CsvLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const sep = DATE_SEPARATOR[locale];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * A local time with offset (2026-11-24T09:03:12+02:00) shown as the wall-clock time it names, in the
 * zone of its offset (an employee's, or UTC for an instant written with Z), without converting it.
 */
export function formatDateTime(iso: string, locale: CsvLocale): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  if (!m) return iso;
  return `${formatDay(m[1], locale)} ${m[2]}`;
}
