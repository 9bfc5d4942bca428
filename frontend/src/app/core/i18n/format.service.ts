import { Injectable, computed, inject } from '@angular/core';
import { I18n } from './i18n.service';

/** Dates, numbers and durations in the console's current language. */
@Injectable({ providedIn: 'root' })
export class Format {
  private readonly i18n = inject(I18n);
  private readonly number = computed(() => new Intl.NumberFormat(this.i18n.locale()));
  private readonly percentFmt = computed(
    () => new Intl.NumberFormat(this.i18n.locale(), { style: 'percent', maximumFractionDigits: 0 }),
  );
  private readonly dateFmt = computed(
    () => new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'medium', timeZone: 'UTC' }),
  );
  private readonly dateTimeFmt = computed(
    () => new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'medium', timeStyle: 'short' }),
  );
  private readonly timeFmt = computed(
    () => new Intl.DateTimeFormat(this.i18n.locale(), { timeStyle: 'short' }),
  );
  private readonly hours = computed(
    () =>
      new Intl.NumberFormat(this.i18n.locale(), {
        style: 'unit',
        unit: 'hour',
        unitDisplay: 'narrow',
      }),
  );
  private readonly minutes = computed(
    () =>
      new Intl.NumberFormat(this.i18n.locale(), {
        style: 'unit',
        unit: 'minute',
        unitDisplay: 'narrow',
      }),
  );

  num(value: number | null | undefined): string {
    return value === null || value === undefined ? '—' : this.number().format(value);
  }

  percent(part: number, whole: number): string {
    return whole > 0 ? this.percentFmt().format(part / whole) : '—';
  }

  /** "7h 05m" style: for cards and charts. */
  duration(seconds: number | null | undefined): string {
    if (seconds === null || seconds === undefined) return '—';
    const totalMinutes = Math.round(seconds / 60);
    const h = Math.floor(totalMinutes / 60);
    const m = totalMinutes % 60;
    if (h === 0) return this.minutes().format(m);
    return `${this.hours().format(h)} ${this.minutes().format(m)}`;
  }

  /** "7:05:12": exact to the second, for tables that must match the API. */
  clock(seconds: number | null | undefined): string {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.max(0, Math.round(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  }

  /** A `YYYY-MM-DD` day, shown as a calendar date. */
  day(day: string | null | undefined): string {
    if (!day) return '—';
    return this.dateFmt().format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
  }

  dateTime(iso: string | null | undefined): string {
    return iso ? this.dateTimeFmt().format(new Date(iso)) : '—';
  }

  time(iso: string | null | undefined): string {
    return iso ? this.timeFmt().format(new Date(iso)) : '—';
  }
}
