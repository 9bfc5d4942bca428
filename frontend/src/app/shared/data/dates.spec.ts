import { presetOf, presetRange } from './dates';

describe('date range presets', () => {
  // Thursday 2026-03-05, late in the evening (the browser's zone is UTC in tests).
  const now = new Date(2026, 2, 5, 23, 30);

  it('gives each preset its days, weeks from Monday, months whole', () => {
    expect(presetRange('today', now)).toEqual({ from: '2026-03-05', to: '2026-03-05' });
    expect(presetRange('yesterday', now)).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(presetRange('thisWeek', now)).toEqual({ from: '2026-03-02', to: '2026-03-05' });
    expect(presetRange('lastWeek', now)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetRange('thisMonth', now)).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(presetRange('lastMonth', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('crosses a year at the turn of January, and a Monday is its own week', () => {
    const newYear = new Date(2027, 0, 4, 8);
    expect(presetRange('lastMonth', newYear)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('thisWeek', newYear)).toEqual({ from: '2027-01-04', to: '2027-01-04' });
    expect(presetRange('lastWeek', newYear)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('names a range that is a preset, and no other', () => {
    expect(presetOf({ from: '2026-02-23', to: '2026-03-01' }, now)).toBe('lastWeek');
    expect(presetOf({ from: '2026-02-24', to: '2026-03-01' }, now)).toBeNull();
  });
});
