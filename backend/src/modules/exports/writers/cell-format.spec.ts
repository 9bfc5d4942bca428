import { formatDateTime, formatDay, formatHours, hoursValue } from './cell-format.js';

describe('export cell formatting', () => {
  it('formats hours, days and local times per locale', () => {
    expect(formatHours(27_000, 'en')).toBe('7.50');
    expect(formatHours(27_000, 'ru')).toBe('7,50');
    expect(formatHours(27_018, 'uk')).toBe('7,51');
    expect(hoursValue(27_018)).toBe(7.51);
    expect(formatDay('2026-03-03', 'en')).toBe('03/03/2026');
    expect(formatDay('2026-03-03', 'uk')).toBe('03.03.2026');
    expect(formatDateTime('2026-03-03T23:59:01+02:00', 'ru')).toBe('03.03.2026 23:59:01');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
