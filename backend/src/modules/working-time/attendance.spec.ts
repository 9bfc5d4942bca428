import { attendanceRow, isoUtc, isoWeekday, wallTimeToMs } from './attendance.js';

const at = (iso: string) => Date.parse(iso);

describe('wallTimeToMs', () => {
  it('reads ordinary wall times with the offset of that date', () => {
    expect(wallTimeToMs('Europe/Berlin', '2026-03-06', '09:00')).toBe(at('2026-03-06T08:00:00Z'));
    expect(wallTimeToMs('Europe/Berlin', '2026-07-06', '09:00')).toBe(at('2026-07-06T07:00:00Z'));
    expect(wallTimeToMs('Asia/Tokyo', '2026-03-09', '00:00')).toBe(at('2026-03-08T15:00:00Z'));
    expect(wallTimeToMs('America/New_York', '2026-03-08', '05:00')).toBe(
      at('2026-03-08T09:00:00Z'),
    );
  });

  it('moves a skipped time forward by the gap (spring forward)', () => {
    // Berlin skips 02:00–03:00 on 2026-03-29: 02:30 is read as 03:30 CEST.
    expect(wallTimeToMs('Europe/Berlin', '2026-03-29', '02:30')).toBe(at('2026-03-29T01:30:00Z'));
    expect(wallTimeToMs('America/New_York', '2026-03-08', '02:00')).toBe(
      at('2026-03-08T07:00:00Z'),
    );
  });

  it('takes the first of a repeated time (fall back)', () => {
    // Berlin repeats 02:00–03:00 on 2026-10-25: 02:30 CEST comes first.
    expect(wallTimeToMs('Europe/Berlin', '2026-10-25', '02:30')).toBe(at('2026-10-25T00:30:00Z'));
    expect(wallTimeToMs('Europe/Berlin', '2026-10-25', '03:00')).toBe(at('2026-10-25T02:00:00Z'));
  });
});

describe('attendanceRow', () => {
  const base = {
    timeZone: 'Europe/Berlin',
    holiday: false,
    absence: false,
    activeMs: 0,
    firstActiveMs: null,
    lastActiveMs: null,
  };
  const sunday = { day: { weekday: 7, start: '01:00', end: '05:00' }, lateAfterMinutes: 0 };

  it('counts the real length of a scheduled day across DST changes', () => {
    const short = attendanceRow('e', { ...base, date: '2026-03-29', scheduled: sunday });
    expect(short).toMatchObject({ status: 'absent', scheduledSeconds: 3 * 3600 });
    const long = attendanceRow('e', { ...base, date: '2026-10-25', scheduled: sunday });
    expect(long).toMatchObject({ status: 'absent', scheduledSeconds: 5 * 3600 });
  });

  it('applies the status order: holiday, absence, absent, late, present, extra, day-off', () => {
    const worked = {
      activeMs: 3_600_000,
      firstActiveMs: at('2026-03-29T00:30:00Z'),
      lastActiveMs: at('2026-03-29T01:30:00Z'),
    };
    const d = { ...base, date: '2026-03-29' };
    expect(attendanceRow('e', { ...d, ...worked, scheduled: sunday, holiday: true })).toMatchObject(
      { status: 'holiday', scheduledSeconds: 0, lateSeconds: 0, overtimeSeconds: 3600 },
    );
    expect(attendanceRow('e', { ...d, scheduled: sunday, absence: true }).status).toBe('absence');
    expect(attendanceRow('e', { ...d, ...worked, scheduled: sunday })).toMatchObject({
      status: 'late',
      lateSeconds: 1800,
      earlyLeaveSeconds: 3 * 3600 - 5400,
    });
    expect(
      attendanceRow('e', { ...d, ...worked, scheduled: { ...sunday, lateAfterMinutes: 30 } }),
    ).toMatchObject({ status: 'present', lateSeconds: 0 });
    expect(attendanceRow('e', { ...d, ...worked, scheduled: null })).toMatchObject({
      status: 'extra',
      overtimeSeconds: 3600,
      arrivedAt: '2026-03-29T00:30:00.000Z',
      leftAt: '2026-03-29T01:30:00.000Z',
    });
    expect(attendanceRow('e', { ...d, scheduled: null }).status).toBe('day-off');
  });

  it('numbers weekdays as ISO does', () => {
    expect(['2026-03-09', '2026-03-14', '2026-03-15'].map(isoWeekday)).toEqual([1, 6, 7]);
  });
});

describe('isoUtc', () => {
  it('writes what Date#toISOString writes', () => {
    const instants = [0, 1, 999, 86_399_999, 86_400_000, Date.parse('2026-03-29T01:59:59.5Z')];
    for (let i = 0; i < 2000; i++) instants.push(1_700_000_000_000 + i * 7_654_321 + (i % 1000));
    for (const ms of instants) expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    expect(isoUtc(1_700_000_000_000.9)).toBe(new Date(1_700_000_000_000.9).toISOString());
  });
});
