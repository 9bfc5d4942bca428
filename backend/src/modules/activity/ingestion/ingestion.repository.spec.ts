import { bucketOf, utcDay, utcDaysOf } from './ingestion.repository.js';

const DAY = 86_400_000;

function days(startMs: number, endMs: number): string[] {
  const set = new Set<number>();
  utcDaysOf(startMs, endMs, set);
  return [...set].map((d) => utcDay(d * DAY));
}

describe('utcDaysOf', () => {
  const midnight = Date.UTC(2026, 2, 10);

  it('marks the one day a span lies in', () => {
    expect(days(midnight + 1000, midnight + 60_000)).toEqual(['2026-03-10']);
  });

  it('does not mark the next day for a span ending exactly at midnight', () => {
    expect(days(midnight - 60_000, midnight)).toEqual(['2026-03-09']);
  });

  it('marks both days of a span crossing midnight, and all days of a long one', () => {
    expect(days(midnight - 60_000, midnight + 60_000)).toEqual(['2026-03-09', '2026-03-10']);
    expect(days(midnight - 1, midnight + DAY + 1)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
  });
});

describe('bucketOf', () => {
  it('rounds a chunk up to one of a few statement sizes', () => {
    expect([1, 2, 3, 5, 129, 256, 257, 499, 500].map(bucketOf)).toEqual([
      1, 2, 4, 8, 256, 256, 500, 500, 500,
    ]);
  });
});
