import { daysOf, periodOf } from './periods.js';

describe('timesheet periods', () => {
  it('a week runs Monday to Sunday', () => {
    expect(periodOf('weekly', '2026-12-03')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(periodOf('weekly', '2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(periodOf('weekly', '2026-12-06')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(periodOf('weekly', '2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('a month runs from its first to its last day', () => {
    expect(periodOf('monthly', '2026-12-03')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(periodOf('monthly', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  });

  it('lists the days of a range', () => {
    expect(daysOf('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});
