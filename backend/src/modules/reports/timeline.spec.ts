import { buildTimeline, type TimelineInput } from './timeline.js';

const span = (
  p: Partial<TimelineInput> & Pick<TimelineInput, 'startMs' | 'endMs'>,
): TimelineInput => ({
  kind: 'active',
  app: 'Code',
  title: 'main.ts',
  site: null,
  url: null,
  productivity: 'neutral',
  ...p,
});

describe('buildTimeline', () => {
  it('lets the best class stand for overlapping devices and merges equal neighbours', () => {
    const out = buildTimeline(
      [
        span({ startMs: 0, endMs: 100, app: 'Steam', productivity: 'unproductive' }),
        span({ startMs: 50, endMs: 150, productivity: 'productive' }),
        span({ startMs: 150, endMs: 200, productivity: 'productive' }),
        span({ kind: 'idle', startMs: 180, endMs: 300, app: null, title: null }),
      ],
      0,
      1000,
    );
    expect(out.map((e) => [e.kind, e.startMs, e.endMs, e.app, e.productivity])).toEqual([
      ['active', 0, 50, 'Steam', 'unproductive'],
      ['active', 50, 200, 'Code', 'productive'],
      ['idle', 200, 300, null, null],
    ]);
  });

  it('clips to the day and keeps gaps', () => {
    const out = buildTimeline(
      [
        span({ startMs: -50, endMs: 10 }),
        span({ startMs: 20, endMs: 30 }),
        span({ startMs: 90, endMs: 150 }),
      ],
      0,
      100,
    );
    expect(out.map((e) => [e.startMs, e.endMs])).toEqual([
      [0, 10],
      [20, 30],
      [90, 100],
    ]);
  });
});
