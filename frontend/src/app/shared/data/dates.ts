/** `YYYY-MM-DD` of a date in the browser's zone. */
export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: Date, days: number): Date {
  const copy = new Date(date);
  copy.setDate(copy.getDate() + days);
  return copy;
}

/** Monday of the week containing `date` (ISO weeks). */
export function startOfWeek(date: Date): Date {
  const offset = (date.getDay() + 6) % 7;
  return addDays(new Date(date.getFullYear(), date.getMonth(), date.getDate()), -offset);
}

export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`); 0 for the same day. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(...ymd(to)) - Date.UTC(...ymd(from))) / 86_400_000);
}

function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 1970, (m ?? 1) - 1, d ?? 1];
}

export const RANGE_PRESETS = [
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A preset's first and last day (`YYYY-MM-DD`, the browser's zone); weeks start on Monday. */
export function presetRange(preset: RangePreset, now: Date): { from: string; to: string } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const monday = startOfWeek(today);
  const firstOfMonth = new Date(today.getFullYear(), today.getMonth(), 1);
  const span = (from: Date, to: Date) => ({ from: isoDay(from), to: isoDay(to) });
  switch (preset) {
    case 'today':
      return span(today, today);
    case 'yesterday':
      return span(addDays(today, -1), addDays(today, -1));
    case 'thisWeek':
      return span(monday, today);
    case 'lastWeek':
      return span(addDays(monday, -7), addDays(monday, -1));
    case 'thisMonth':
      return span(firstOfMonth, today);
    case 'lastMonth':
      return span(
        new Date(today.getFullYear(), today.getMonth() - 1, 1),
        addDays(firstOfMonth, -1),
      );
  }
}

/** The preset a range is, if any (so the picker can show "Last week" rather than two dates). */
export function presetOf(range: { from: string; to: string }, now: Date): RangePreset | null {
  return (
    RANGE_PRESETS.find((p) => {
      const r = presetRange(p, now);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}
