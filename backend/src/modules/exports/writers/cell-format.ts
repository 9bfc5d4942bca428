import type { ExportLocale } from './table.js';

// Days, local times and the list separator are shared with the audit log's CSV (common/csv).
export { CSV_DELIMITER, formatDateTime, formatDay } from '#src/common/csv/locale-format.js';

const DECIMAL: Record<ExportLocale, string> = { en: '.', ru: ',', uk: ',' };

/** Hours with two decimals and the locale's decimal separator, no grouping (stays machine-readable). */
export function formatHours(seconds: number, locale: ExportLocale): string {
  return hoursValue(seconds).toFixed(2).replace('.', DECIMAL[locale]);
}

/** Hundredths of an hour are 36 s: rounding whole seconds / 36 is exact, unlike / 3600 * 100. */
export function hoursValue(seconds: number): number {
  return Math.round(seconds / 36) / 100;
}
