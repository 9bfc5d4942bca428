import { daysInMonth, isValidMonth, monthRange, monthsBetween, nextMonth } from './months.js';

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isValidMonth('2026-10')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '', '1969-12']) {
      expect(isValidMonth(bad)).toBe(false);
    }
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(monthRange('2026-10')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('walks months across a year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthsBetween('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
  });
});
