import { clipToYear, MONDAY_TO_FRIDAY, workingDaysBetween } from './working-days.js';

describe('working days', () => {
  const noHolidays = new Set<string>();

  it('counts Monday to Friday when no schedule is in force', () => {
    // 2026-07-06 is a Monday: two full weeks.
    expect(
      workingDaysBetween('2026-07-06', '2026-07-19', {
        weekdays: MONDAY_TO_FRIDAY,
        holidays: noHolidays,
      }),
    ).toBe(10);
    // A weekend alone uses nothing.
    expect(
      workingDaysBetween('2026-07-11', '2026-07-12', {
        weekdays: MONDAY_TO_FRIDAY,
        holidays: noHolidays,
      }),
    ).toBe(0);
  });

  it('leaves out holidays and the days the schedule does not list', () => {
    const calendar = {
      // Tuesday to Saturday.
      weekdays: new Set([2, 3, 4, 5, 6]),
      holidays: new Set(['2026-07-08', '2026-07-12']),
    };
    // Mon 6 … Sun 12: Tue, Thu, Fri, Sat work; Wed 8 is a holiday; Sun 12 a holiday on a day off.
    expect(workingDaysBetween('2026-07-06', '2026-07-12', calendar)).toBe(4);
  });

  it('crosses month, year and leap-day boundaries day by day', () => {
    const calendar = { weekdays: new Set([1, 2, 3, 4, 5, 6, 7]), holidays: noHolidays };
    expect(workingDaysBetween('2028-02-27', '2028-03-01', calendar)).toBe(4);
    expect(workingDaysBetween('2026-12-30', '2027-01-02', calendar)).toBe(4);
    expect(workingDaysBetween('2026-07-10', '2026-07-09', calendar)).toBe(0);
  });

  it('clips a range to a calendar year', () => {
    expect(clipToYear('2026-12-28', '2027-01-08', 2026)).toEqual({
      from: '2026-12-28',
      to: '2026-12-31',
    });
    expect(clipToYear('2026-12-28', '2027-01-08', 2027)).toEqual({
      from: '2027-01-01',
      to: '2027-01-08',
    });
    expect(clipToYear('2026-03-01', '2026-03-05', 2026)).toEqual({
      from: '2026-03-01',
      to: '2026-03-05',
    });
    expect(clipToYear('2026-03-01', '2026-03-05', 2025)).toBeNull();
  });
});
