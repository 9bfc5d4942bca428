import { holidayCountries, holidayRegions, publicHolidays } from './public-holidays.js';

describe('public holidays from the date-holidays package', () => {
  it('gives a country’s public days off of a year, in the language asked for', () => {
    const de = publicHolidays(2026, 'DE', undefined, 'en');
    expect(de?.map((h) => h.date)).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-04-03',
        '2026-10-03',
        '2026-12-25',
        '2026-12-26',
      ]),
    );
    // Easter Monday moves with Easter: 6 April in 2026, 29 March in 2027.
    expect(de?.find((h) => h.date === '2026-04-06')?.name).toBe('Easter Monday');
    expect(publicHolidays(2027, 'DE', undefined, 'en')?.map((h) => h.date)).toContain('2027-03-29');
    const ua = publicHolidays(2026, 'UA', undefined, 'uk');
    expect(ua?.find((h) => h.date === '2026-01-01')?.name).toBe('Новий Рік');
  });

  it('adds a region’s own holidays (Bavaria: Epiphany) and only public ones', () => {
    const federal = publicHolidays(2026, 'DE', undefined, 'en')!.map((h) => h.date);
    const bavaria = publicHolidays(2026, 'DE', 'BY', 'en')!.map((h) => h.date);
    expect(federal).not.toContain('2026-01-06');
    expect(bavaria).toContain('2026-01-06');
    // Christmas Eve is an observance in Germany, not a day off by law.
    expect(bavaria).not.toContain('2026-12-24');
    expect(new Set(bavaria).size).toBe(bavaria.length);
  });

  it('answers null for an unknown country or region', () => {
    expect(publicHolidays(2026, 'XX', undefined, 'en')).toBeNull();
    expect(publicHolidays(2026, 'DE', 'XX', 'en')).toBeNull();
  });

  it('lists countries and regions', () => {
    expect(holidayCountries('en').find((c) => c.code === 'DE')?.name).toBe('Germany');
    expect(holidayCountries('en').length).toBeGreaterThan(150);
    expect(holidayRegions('DE', 'en')).toContain('BY');
    expect(holidayRegions('IS', 'en')).toEqual([]);
  });
});
