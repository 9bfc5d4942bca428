import fc from 'fast-check';
import { SpanMerger, type Observation } from '../src/core/merger.js';
import type { Span, SpanState } from '../src/core/types.js';

const S = 1000;
const options = { pulseMs: 11 * S, maxSpanMs: 60 * S, lookbackMs: 40 * S };

function key(state: SpanState): string {
  return [state.kind, state.app ?? '', state.title ?? ''].join('|');
}

/** The naive reference: paint every second, repaint idle ones, no spans at all. */
function reference(observations: Observation[]): Map<number, string> {
  const painted = new Map<number, string>();
  let previous: Observation | null = null;
  for (const o of observations) {
    if (previous?.state && o.at - previous.at <= options.pulseMs) {
      for (let t = previous.at; t < o.at; t += S) painted.set(t, key(previous.state));
    }
    if (o.state?.kind === 'idle' && o.idleSince !== undefined) {
      for (let t = Math.max(o.idleSince, o.at - options.lookbackMs); t < o.at; t += S) {
        if (painted.has(t)) painted.set(t, 'idle||');
      }
    }
    previous = o;
  }
  return painted;
}

function coverage(spans: Span[]): Map<number, string> {
  const painted = new Map<number, string>();
  for (const span of spans) {
    for (let t = span.start; t < span.end; t += S) {
      if (painted.has(t)) throw new Error(`second ${t} covered twice`);
      painted.set(t, key(span));
    }
  }
  return painted;
}

const stateArb: fc.Arbitrary<SpanState | null> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<SpanState>(
      { kind: 'active', app: 'code', title: 'a.ts' },
      { kind: 'active', app: 'code', title: 'b.ts' },
      { kind: 'active', app: 'firefox', title: 'Docs' },
      { kind: 'active' },
    ),
  },
  { weight: 2, arbitrary: fc.constant<SpanState>({ kind: 'idle' }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const observationsArb = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.constantFrom(0, 5, 5, 5, 5, 10), fc.integer({ min: 0, max: 30 })),
      state: stateArb,
      idleBack: fc.integer({ min: 0, max: 80 }),
    }),
    { maxLength: 150 },
  )
  .map((steps) => {
    let at = 1_700_000_000 * S;
    return steps.map(({ gap, state, idleBack }): Observation => {
      at += gap * S;
      return state?.kind === 'idle' ? { at, state, idleSince: at - idleBack * S } : { at, state };
    });
  });

function runMerger(observations: Observation[], restartAt: number[] = []): Span[] {
  let n = 0;
  const newId = (): string => `span-${(n += 1)}`;
  let merger = new SpanMerger({ ...options, newId });
  const out: Span[] = [];
  observations.forEach((o, i) => {
    if (restartAt.includes(i)) {
      // A restart from the persisted tail must change nothing.
      merger = new SpanMerger({ ...options, newId }, JSON.parse(JSON.stringify(merger.snapshot())));
    }
    out.push(...merger.observe(o));
  });
  return out.concat(merger.flush());
}

/** Latest version of every span id among versions handed out in order. */
function latest(versions: Span[]): Map<string, Span> {
  const byId = new Map<string, Span>();
  for (const v of versions) byId.set(v.id, v);
  return byId;
}

const PUBLISH_MS = 15 * S;

/**
 * Runs the merger as the agent does, handing out tail spans early after every sample, and checks
 * after every sample what the server would hold against what the agent knows.
 */
function runPublishing(observations: Observation[], restartAt: number[] = []): Span[] {
  let n = 0;
  const newId = (): string => `span-${(n += 1)}`;
  let merger = new SpanMerger({ ...options, newId });
  const versions: Span[] = [];
  observations.forEach((o, i) => {
    if (restartAt.includes(i)) {
      merger = new SpanMerger({ ...options, newId }, JSON.parse(JSON.stringify(merger.snapshot())));
    }
    versions.push(...merger.observe(o), ...merger.provisional(PUBLISH_MS));
    // The agent's view: what it handed out, overlaid by its tail as it stands.
    const agent = latest(versions);
    for (const span of merger.snapshot().spans) {
      if (span.end > span.start) agent.set(span.id, span);
      else agent.delete(span.id);
    }
    const server = coverage([...latest(versions).values()]);
    const known = coverage([...agent.values()]);
    for (const [t, label] of server) expect({ t, label }).toEqual({ t, label: known.get(t) });
    for (const [t, label] of known) {
      if (t < o.at - PUBLISH_MS) expect({ t, label }).toEqual({ t, label: server.get(t) });
    }
  });
  versions.push(...merger.flush());
  return versions;
}

describe('SpanMerger', () => {
  it('covers exactly the seconds the naive reference paints, once each', () => {
    fc.assert(
      fc.property(observationsArb, (observations) => {
        const spans = runMerger(observations);
        expect(coverage(spans)).toEqual(reference(observations));
      }),
      { numRuns: 400 },
    );
  });

  it('emits valid, ordered spans with unique ids and bounded length', () => {
    fc.assert(
      fc.property(observationsArb, (observations) => {
        const spans = runMerger(observations);
        expect(new Set(spans.map((s) => s.id)).size).toBe(spans.length);
        for (const [i, span] of spans.entries()) {
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end - span.start).toBeLessThanOrEqual(options.maxSpanMs + options.pulseMs);
          if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same spans when restarted from its snapshot at any points', () => {
    fc.assert(
      fc.property(
        observationsArb,
        fc.array(fc.nat({ max: 150 }), { maxLength: 5 }),
        (observations, restarts) => {
          expect(runMerger(observations, restarts)).toEqual(runMerger(observations));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the server current: all but the last publish interval is sent, nothing wrong', () => {
    fc.assert(
      fc.property(
        observationsArb,
        fc.array(fc.nat({ max: 150 }), { maxLength: 3 }),
        (observations, restarts) => {
          const versions = runPublishing(observations, restarts);
          // In the end the server holds exactly what the agent recorded without early sending.
          const final = [...latest(versions).values()];
          expect(coverage(final)).toEqual(reference(observations));
          expect(coverage(final)).toEqual(coverage(runMerger(observations)));
          // Each span's versions carry increasing revisions, starting at 0.
          const revs = new Map<string, number>();
          for (const v of versions) {
            const previous = revs.get(v.id);
            expect(v.rev ?? 0).toBe(previous === undefined ? 0 : previous + 1);
            revs.set(v.id, v.rev ?? 0);
            expect(v.end).toBeGreaterThan(v.start);
            expect(v).not.toHaveProperty('sent');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends a finished span at the next sample, and corrects it when idle comes later', () => {
    const merger = new SpanMerger({ ...options, newId: () => `id-${Math.random()}` });
    const t0 = 1_000_000 * S;
    const sent: Span[] = [];
    const step = (t: number, o: Omit<Observation, 'at'>): void => {
      sent.push(...merger.observe({ at: t0 + t * S, ...o }), ...merger.provisional(PUBLISH_MS));
    };
    step(0, { state: { kind: 'active', app: 'code' } });
    step(5, { state: { kind: 'active', app: 'code' } });
    step(10, { state: { kind: 'active', app: 'firefox' } });
    // The code span ended at 10 and is out at once, far within the 40 s look-back.
    expect(sent.map((s) => [s.app, (s.start - t0) / S, (s.end - t0) / S, s.rev ?? 0])).toEqual([
      ['code', 0, 10, 0],
    ]);
    for (let t = 15; t <= 30; t += 5) step(t, { state: { kind: 'active', app: 'firefox' } });
    // The span in progress went out once it was 15 s long.
    expect(sent.at(-1)).toMatchObject({ app: 'firefox', start: t0 + 10 * S, end: t0 + 25 * S });
    // Input had stopped at 12: firefox from 12 on becomes idle, the sent version is revised.
    step(35, { state: { kind: 'idle' }, idleSince: t0 + 12 * S });
    const firefox = sent.filter((s) => s.app === 'firefox');
    expect(firefox.at(-1)).toMatchObject({ end: t0 + 12 * S, rev: 1 });
    expect(sent.at(-1)).toMatchObject({ kind: 'idle', start: t0 + 12 * S, end: t0 + 35 * S });
  });

  it('makes a working day of 5-second samples into far fewer than 2,000 spans', () => {
    const observations: Observation[] = [];
    const start = Date.UTC(2026, 10, 2, 8);
    const apps = ['code', 'firefox', 'slack', 'terminal'];
    for (let i = 0, at = start; at < start + 9 * 3600 * S; i += 1, at += 5 * S) {
      // A different window about every 30 seconds, all day long.
      const app = apps[Math.floor(i / 6) % apps.length]!;
      observations.push({ at, state: { kind: 'active', app, title: `${app} window` } });
    }
    const merger = new SpanMerger({
      pulseMs: 11 * S,
      maxSpanMs: 900 * S,
      lookbackMs: 310 * S,
      newId: () => Math.random().toString(36),
    });
    const spans = observations.flatMap((o) => merger.observe(o)).concat(merger.flush());
    expect(spans.length).toBeLessThanOrEqual(2000);
    expect(spans.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(9 * 3600 * S - 5 * S);
  });

  it('starts idle at the last input, retroactively', () => {
    const merger = new SpanMerger({ ...options, newId: () => String(Math.random()) });
    const t0 = 1_000_000 * S;
    const out: Span[] = [];
    for (let t = 0; t <= 20; t += 5) {
      out.push(...merger.observe({ at: t0 + t * S, state: { kind: 'active', app: 'code' } }));
    }
    // Input stopped at t=12; the idle threshold of 30 s is seen at t=45.
    for (let t = 25; t < 45; t += 5) {
      out.push(...merger.observe({ at: t0 + t * S, state: { kind: 'active', app: 'code' } }));
    }
    out.push(
      ...merger.observe({ at: t0 + 45 * S, state: { kind: 'idle' }, idleSince: t0 + 12 * S }),
    );
    out.push(...merger.observe({ at: t0 + 50 * S, state: null }));
    out.push(...merger.flush());
    expect(out.map((s) => [s.kind, (s.start - t0) / S, (s.end - t0) / S])).toEqual([
      ['active', 0, 12],
      ['idle', 12, 50],
    ]);
  });
});
