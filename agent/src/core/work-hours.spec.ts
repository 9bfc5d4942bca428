import { isWithinWorkHours, validateSchedule, type WorkSchedule } from './work-hours.js';

describe('work hours', () => {
  const schedule: WorkSchedule = {
    timeZone: 'Europe/Kyiv',
    days: {
      mon: [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ],
      sat: [['10:00', '12:00']],
    },
  };

  it('is always within work hours without a schedule', () => {
    expect(isWithinWorkHours(null, Date.UTC(2026, 10, 1, 3))).toBe(true);
  });

  it('follows the windows in the schedule’s own time zone', () => {
    // Monday 2 November 2026; Kyiv is UTC+2 in winter.
    const at = (h: number, m = 0) => Date.UTC(2026, 10, 2, h - 2, m);
    expect(isWithinWorkHours(schedule, at(8, 59))).toBe(false);
    expect(isWithinWorkHours(schedule, at(9, 0))).toBe(true);
    expect(isWithinWorkHours(schedule, at(12, 59))).toBe(true);
    expect(isWithinWorkHours(schedule, at(13, 30))).toBe(false);
    expect(isWithinWorkHours(schedule, at(17, 59))).toBe(true);
    expect(isWithinWorkHours(schedule, at(18, 0))).toBe(false);
    // Tuesday has no windows.
    expect(isWithinWorkHours(schedule, Date.UTC(2026, 10, 3, 9))).toBe(false);
  });

  it('rejects bad schedules', () => {
    expect(() => validateSchedule({ timeZone: 'Mars/Base', days: {} })).toThrow();
    expect(() =>
      validateSchedule({ timeZone: 'UTC', days: { mon: [['18:00', '09:00']] } }),
    ).toThrow('empty work window');
    expect(() => validateSchedule({ timeZone: 'UTC', days: { mon: [['9', '10:00']] } })).toThrow(
      'bad time of day',
    );
  });
});
