import type { WorkScheduleDay } from '@app/api/models';

/** Monday … Sunday in a language (1 January 2024 was a Monday). */
export function weekdayNames(locale: string, width: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i)))).map(
    (name) => name.charAt(0).toLocaleUpperCase(locale) + name.slice(1),
  );
}

/**
 * A week as one line: runs of weekdays with the same hours together, "Mon–Fri 09:00–18:00,
 * Sat 10:00–14:00". Empty when no day is a working day.
 */
export function weekSummary(days: readonly WorkScheduleDay[], locale: string): string {
  const names = weekdayNames(locale, 'short');
  const sorted = [...days].sort((a, b) => a.weekday - b.weekday);
  const runs: { first: number; last: number; hours: string }[] = [];
  for (const day of sorted) {
    const hours = `${day.start}–${day.end}`;
    const run = runs[runs.length - 1];
    if (run && run.hours === hours && run.last === day.weekday - 1) run.last = day.weekday;
    else runs.push({ first: day.weekday, last: day.weekday, hours });
  }
  return runs
    .map((run) => {
      const first = names[run.first - 1] ?? '';
      const span =
        run.first === run.last
          ? first
          : `${first}${run.last === run.first + 1 ? ', ' : '–'}${names[run.last - 1] ?? ''}`;
      return `${span} ${run.hours}`;
    })
    .join('; ');
}
