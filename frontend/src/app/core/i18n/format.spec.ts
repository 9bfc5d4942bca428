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
    expect(fmt.duration(2 * 3600 + 5 * 60)).toBe('2h 5m');
    expect(fmt.day('2026-11-24')).toBe('Nov 24, 2026');
    await TestBed.inject(I18n).use('ru');
    expect(fmt.num(1234567)).toBe('1\u00a0234\u00a0567');
    expect(fmt.duration(2 * 3600 + 5 * 60)).toBe('2 ч 5 мин');
    expect(fmt.day('2026-11-24')).toBe('24 нояб. 2026 г.');
    await TestBed.inject(I18n).use('uk');
    expect(fmt.day('2026-11-24')).toBe('24 лист. 2026 р.');
    expect(fmt.percent(1, 4)).toBe('25%');
  });
});
