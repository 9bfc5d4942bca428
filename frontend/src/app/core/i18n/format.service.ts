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
  private readonly monthFmt = computed(
    () =>
      new Intl.DateTimeFormat(this.i18n.locale(), {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  );
  private readonly weekdayFmt = computed(
    () => new Intl.DateTimeFormat(this.i18n.locale(), { weekday: 'short', timeZone: 'UTC' }),
  );
  private readonly dayCount = computed(
    () =>
      new Intl.NumberFormat(this.i18n.locale(), {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'long',
        maximumFractionDigits: 1,
      }),
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

  /** Minutes after hours: always two digits ("7h 05m"), so a column of durations lines up. */
  private readonly minutesAfterHours = computed(
    () =>
      new Intl.NumberFormat(this.i18n.locale(), {
        style: 'unit',
        unit: 'minute',
        unitDisplay: 'narrow',
        minimumIntegerDigits: 2,
      }),
  );

  /**
   * Wall-time formats by locale, zone and precision: a table of arrivals formats hundreds of times
   * and an Intl constructor costs a thousand times what formatting does.
   */
  private readonly wallTimeFormats = new Map<string, Intl.DateTimeFormat>();
  private readonly byteFormats = new Map<string, Intl.NumberFormat>();

  /**
   * Builds this language's formats one per task, each a few milliseconds the first time: run while
   * the page waits for its chunks and data, so the first render does not pay for them.
   */
  warmUp(schedule: (step: () => void) => void = (step) => setTimeout(step)): void {
    const steps = [
      this.number,
      this.percentFmt,
      this.dateFmt,
      this.dateTimeFmt,
      this.timeFmt,
      this.monthFmt,
      this.weekdayFmt,
      this.dayCount,
      this.hours,
      this.minutes,
      this.minutesAfterHours,
      () => this.foreignZone(viewerTimeZone()),
      () => this.wallTimeFormat(undefined, false),
    ];
    const next = (i: number) => {
      if (i >= steps.length) return;
      steps[i]();
      schedule(() => next(i + 1));
    };
    schedule(() => next(0));
  }

  num(value: number | null | undefined): string {
    return value === null || value === undefined ? '—' : this.number().format(value);
  }

  /** "35.4 MB", "35,4 МБ": file sizes, in the locale's megabyte or kilobyte unit. */
  bytes(value: number): string {
    const [unit, size] =
      value >= 1_000_000 ? ['megabyte', value / 1_000_000] : ['kilobyte', value / 1_000];
    const key = `${this.i18n.locale()}|${unit}`;
    let format = this.byteFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.i18n.locale(), {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      });
      this.byteFormats.set(key, format);
    }
    return format.format(size);
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
    return `${this.hours().format(h)} ${this.minutesAfterHours().format(m)}`;
  }

  /** A duration that may be negative (a balance): "+1h 30m", "−45m". */
  signedDuration(seconds: number | null | undefined): string {
    if (seconds === null || seconds === undefined) return '—';
    if (Math.round(seconds / 60) === 0) return this.duration(0);
    return `${seconds < 0 ? '−' : '+'}${this.duration(Math.abs(seconds))}`;
  }

  /** "3 days", "3 дня", "3 дні": a count of calendar or working days. */
  days(count: number | null | undefined): string {
    return count === null || count === undefined ? '—' : this.dayCount().format(count);
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

  /** A `YYYY-MM` month: "March 2026". */
  month(month: string): string {
    return this.monthFmt().format(new Date(`${month}-01T00:00:00Z`));
  }

  /** The short weekday name of a `YYYY-MM-DD` day: "Mon". */
  weekday(day: string): string {
    return this.weekdayFmt().format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
  }

  /** A `YYYY-MM-DD` range of days: "3 Mar 2026 – 7 Mar 2026", or one day. */
  dayRange(from: string, to: string): string {
    return from === to ? this.day(from) : `${this.day(from)} – ${this.day(to)}`;
  }

  dateTime(iso: string | null | undefined): string {
    return iso ? this.dateTimeFmt().format(new Date(iso)) : '—';
  }

  time(iso: string | null | undefined): string {
    return iso ? this.timeFmt().format(new Date(iso)) : '—';
  }

  /**
   * The wall time of an instant in a given zone (an employee's own), e.g. their arrival, followed by
   * the zone when it is not the viewer's: "9:12 AM (Europe/Berlin)". Every clock time that belongs
   * to someone else's zone goes through here, so the label is added the same way everywhere.
   */
  timeIn(
    iso: string | null | undefined,
    timeZone: string | null | undefined,
    options: { seconds?: boolean } = {},
  ): string {
    if (!iso) return '—';
    return this.withZone(this.wallTime(iso, timeZone, options.seconds), timeZone);
  }

  /**
   * A span of wall times in one zone, the zone said once: "9:00 AM–9:45 AM (Europe/Berlin)".
   * `named: false` leaves the zone out, for a table whose column header names it (`foreignZone`).
   */
  timeRangeIn(
    start: string,
    end: string,
    timeZone: string | null | undefined,
    options: { seconds?: boolean; named?: boolean } = {},
  ): string {
    const from = this.wallTime(start, timeZone, options.seconds);
    const to = this.wallTime(end, timeZone, options.seconds);
    const range = `${from}–${to}`;
    return options.named === false ? range : this.withZone(range, timeZone);
  }

  /** The zone to name after a time in `timeZone` (as given), or null when it is the viewer's own. */
  foreignZone(timeZone: string | null | undefined): string | null {
    if (!timeZone) return null;
    const zone = canonicalZone(timeZone);
    return zone && zone !== canonicalZone(viewerTimeZone()) ? timeZone : null;
  }

  private withZone(text: string, timeZone: string | null | undefined): string {
    const zone = this.foreignZone(timeZone);
    return zone ? `${text} (${zone})` : text;
  }

  private wallTime(iso: string, timeZone: string | null | undefined, seconds = false): string {
    return this.wallTimeFormat(timeZone, seconds).format(new Date(iso));
  }

  /** The format of clock times in `timeZone` (the viewer's when it is unknown to Intl). */
  private wallTimeFormat(
    timeZone: string | null | undefined,
    seconds: boolean,
  ): Intl.DateTimeFormat {
    const locale = this.i18n.locale();
    const key = `${locale}|${timeZone ?? ''}|${seconds ? 's' : ''}`;
    let format = this.wallTimeFormats.get(key);
    if (!format) {
      const style = { timeStyle: seconds ? 'medium' : 'short' } as const;
      try {
        format = new Intl.DateTimeFormat(locale, { ...style, ...(timeZone ? { timeZone } : {}) });
      } catch {
        format = new Intl.DateTimeFormat(locale, style);
      }
      this.wallTimeFormats.set(key, format);
    }
    return format;
  }
}

let viewerZone: string | undefined;

/**
 * The browser's time zone: the one the viewer reads times in. Read once per page load: every time
 * shown asks for it.
 */
export function viewerTimeZone(): string {
  viewerZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return viewerZone;
}

/** Intl's spelling of each zone asked for: asked once per time shown, and zones are few. */
const canonicalZones = new Map<string, string | null>();

/** An IANA name as Intl spells it (Etc/UTC and UTC are one zone), or null if unknown. */
function canonicalZone(timeZone: string): string | null {
  let zone = canonicalZones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    canonicalZones.set(timeZone, zone);
  }
  return zone;
}
