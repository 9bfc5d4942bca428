import { lastCompletePeriod } from './periods.js';

describe('lastCompletePeriod', () => {
  it('is last Monday to Sunday, in the organization zone', () => {
    // Monday 2026-11-23 00:30 in Kyiv is still Sunday in UTC.
    const now = Date.parse('2026-11-22T22:30:00Z');
    expect(lastCompletePeriod('weekly', 'Europe/Kyiv', now)).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    expect(lastCompletePeriod('weekly', 'UTC', now)).toEqual({
      from: '2026-11-09',
      to: '2026-11-15',
    });
  });

  it('is last calendar month, across year ends and leap days', () => {
    expect(lastCompletePeriod('monthly', 'UTC', Date.parse('2026-01-15T12:00:00Z'))).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(lastCompletePeriod('monthly', 'UTC', Date.parse('2028-03-01T00:00:00Z'))).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });
});
