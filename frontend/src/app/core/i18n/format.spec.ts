import { TestBed } from '@angular/core/testing';
import { provideTestApp } from '../../../testing/providers';
import { Format } from './format.service';
import { I18n } from './i18n.service';

describe('Format', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: provideTestApp() });
  });

  it('prints exact clock durations for tables', () => {
    const fmt = TestBed.inject(Format);
    expect(fmt.clock(0)).toBe('0:00:00');
    expect(fmt.clock(7261)).toBe('2:01:01');
    expect(fmt.clock(100 * 3600 + 59)).toBe('100:00:59');
    expect(fmt.clock(null)).toBe('—');
  });

  it('formats numbers, durations and dates per language', async () => {
    const fmt = TestBed.inject(Format);
    expect(fmt.num(1234567)).toBe('1,234,567');
    expect(fmt.duration(2 * 3600 + 5 * 60)).toBe('2h 05m');
    expect(fmt.day('2026-11-24')).toBe('Nov 24, 2026');
    await TestBed.inject(I18n).use('ru');
    expect(fmt.num(1234567)).toBe('1\u00a0234\u00a0567');
    expect(fmt.duration(2 * 3600 + 5 * 60)).toBe('2 ч 05 мин');
    expect(fmt.day('2026-11-24')).toBe('24 нояб. 2026 г.');
    await TestBed.inject(I18n).use('uk');
    expect(fmt.day('2026-11-24')).toBe('24 лист. 2026 р.');
    expect(fmt.percent(1, 4)).toBe('25%');
  });

  it('formats balances, day counts, months and wall times of working time', async () => {
    const fmt = TestBed.inject(Format);
    expect(fmt.signedDuration(5400)).toBe('+1h 30m');
    expect(fmt.signedDuration(-1800)).toBe('−30m');
    expect(fmt.signedDuration(20)).toBe('0m');
    expect(fmt.days(1)).toBe('1 day');
    expect(fmt.days(18)).toBe('18 days');
    expect(fmt.month('2026-03')).toBe('March 2026');
    expect(fmt.weekday('2026-03-02')).toBe('Mon');
    expect(fmt.dayRange('2026-03-02', '2026-03-02')).toBe('Mar 2, 2026');
    // An arrival at 08:12 UTC is 09:12 on a Berlin employee's clock, whatever the browser's zone.
    expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Europe/Berlin')).toMatch(
      /^9:12\sAM \(Europe\/Berlin\)$/,
    );
    await TestBed.inject(I18n).use('ru');
    expect(fmt.days(1)).toBe('1 день');
    expect(fmt.days(3)).toBe('3 дня');
    expect(fmt.days(18)).toBe('18 дней');
    expect(fmt.signedDuration(-5400)).toBe('−1 ч 30 мин');
    await TestBed.inject(I18n).use('uk');
    expect(fmt.days(3)).toBe('3 дні');
    expect(fmt.days(18)).toBe('18 днів');
    expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Europe/Kyiv')).toBe('10:12 (Europe/Kyiv)');
  });

  it('names the zone of a time only when it is not the viewer’s', () => {
    const fmt = TestBed.inject(Format);
    // Jest runs with TZ=UTC: the viewer reads times in UTC.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
    expect(fmt.timeIn('2026-03-03T08:12:00Z', 'UTC')).toMatch(/^8:12\sAM$/);
    expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Etc/UTC')).toMatch(/^8:12\sAM$/);
    expect(fmt.timeIn('2026-03-03T08:12:00Z', null)).toMatch(/^8:12\sAM$/);
    expect(fmt.timeIn('2026-03-03T09:12:05+01:00', 'Europe/Berlin', { seconds: true })).toMatch(
      /^9:12:05\sAM \(Europe\/Berlin\)$/,
    );
    expect(fmt.timeRangeIn('2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z', 'UTC')).toMatch(
      /^8:00\sAM–8:45\sAM$/,
    );
    expect(
      fmt.timeRangeIn('2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z', 'America/New_York'),
    ).toMatch(/^3:00\sAM–3:45\sAM \(America\/New_York\)$/);
    expect(
      fmt.timeRangeIn('2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z', 'America/New_York', {
        named: false,
      }),
    ).toMatch(/^3:00\sAM–3:45\sAM$/);
    expect(fmt.foreignZone('UTC')).toBeNull();
    expect(fmt.foreignZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    // An unknown zone is not named, and the time is the viewer's.
    expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Mars/Olympus')).toMatch(/^8:12\sAM$/);
    expect(fmt.timeIn(null, 'Europe/Berlin')).toBe('—');
  });

  it('builds each Intl format once: a table of times constructs none per row', async () => {
    const fmt = TestBed.inject(Format);
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      const first = fmt.timeIn('2026-03-03T08:12:00Z', 'Europe/Berlin');
      const afterFirst = built.mock.calls.length;
      expect(afterFirst).toBeGreaterThan(0);
      for (let i = 0; i < 200; i++) {
        expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Europe/Berlin')).toBe(first);
        fmt.timeRangeIn('2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z', 'Europe/Berlin');
      }
      expect(built.mock.calls.length).toBe(afterFirst);
      // Another language builds its own, and still gives that language's text.
      await TestBed.inject(I18n).use('uk');
      expect(fmt.timeIn('2026-03-03T08:12:00Z', 'Europe/Kyiv')).toBe('10:12 (Europe/Kyiv)');
      expect(built.mock.calls.length).toBeGreaterThan(afterFirst);
    } finally {
      built.mockRestore();
    }
    expect(fmt.bytes(35_400_000)).toBe(fmt.bytes(35_400_000));
  });

  it('warms up the language’s formats ahead of the first render, one per task', () => {
    const fmt = TestBed.inject(Format);
    const tasks: (() => void)[] = [];
    fmt.warmUp((step) => tasks.push(step));
    let ran = 0;
    while (tasks.length > 0) {
      tasks.shift()?.();
      ran++;
    }
    expect(ran).toBeGreaterThan(10);
    // Everything the pages print with is now built: printing builds nothing more.
    const dates = jest.spyOn(Intl, 'DateTimeFormat');
    const numbers = jest.spyOn(Intl, 'NumberFormat');
    try {
      fmt.num(1234);
      fmt.percent(1, 4);
      fmt.duration(7500);
      fmt.days(3);
      fmt.day('2026-03-02');
      fmt.dateTime('2026-03-02T10:00:00Z');
      fmt.time('2026-03-02T10:00:00Z');
      fmt.month('2026-03');
      fmt.weekday('2026-03-02');
      fmt.timeIn('2026-03-02T10:00:00Z', null);
      expect(dates).not.toHaveBeenCalled();
      expect(numbers).not.toHaveBeenCalled();
    } finally {
      dates.mockRestore();
      numbers.mockRestore();
    }
  });
});
