import fc from 'fast-check';
import { AllocationBook, type AllocationRuleLike } from './allocation-book.js';
import { allocateShape, type ActiveSpan, shapeDay, timedPieces } from './day-allocation.js';

const APPS = ['Code', 'Excel', 'Firefox', 'Slack'];
const HOSTS = [null, 'acme.com', 'shop.acme.com', 'jira.example.org'];
const TITLES = [null, 'PROJ-1 login', 'budget.xlsx', 'ACME weekly', 'general'];
const PROJECTS = ['p1', 'p2', 'p3'];
const DAY_START = 0;
const DAY_END = 86_400_000;

const span = fc
  .record({
    start: fc.integer({ min: -3_600_000, max: DAY_END }),
    length: fc.integer({ min: 1, max: 4 * 3_600_000 }),
    app: fc.constantFrom(...APPS),
    host: fc.constantFrom(...HOSTS),
    title: fc.constantFrom(...TITLES),
  })
  .map((s): ActiveSpan => ({
    startMs: s.start,
    endMs: s.start + s.length,
    app: s.app,
    host: s.host,
    title: s.title,
  }));

const rule = fc
  .record({
    kind: fc.constantFrom('app' as const, 'site' as const, 'title' as const),
    app: fc.constantFrom(...APPS),
    host: fc.constantFrom('acme.com', 'shop.acme.com', 'example.org'),
    title: fc.constantFrom('proj-*', 'acme', 'budget'),
    projectId: fc.constantFrom(...PROJECTS),
    team: fc.boolean(),
  })
  .map((r): AllocationRuleLike => ({
    id: `${r.kind}-${r.projectId}`,
    teamId: r.team ? 't1' : null,
    kind: r.kind,
    normalized: r.kind === 'app' ? r.app.toLowerCase() : r.kind === 'site' ? r.host : r.title,
    projectId: r.projectId,
    taskId: null,
  }));

/** The union of active spans inside the day, counted naively per millisecond boundary. */
function unionMs(spans: ActiveSpan[]): number {
  const iv = spans
    .map((s) => [Math.max(s.startMs, DAY_START), Math.min(s.endMs, DAY_END)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of iv) {
    if (a >= end) {
      total += b - a;
      end = b;
    } else if (b > end) {
      total += b - end;
      end = b;
    }
  }
  return total;
}

describe('allocation', () => {
  it('allocated + unallocated = active time, for any spans and rule set', () => {
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 25 }),
        fc.array(rule, { maxLength: 12 }),
        fc.constantFrom(null, 't1'),
        (spans, rules, team) => {
          const shape = shapeDay(spans, DAY_START, DAY_END, []);
          const byKey = allocateShape(shape, new AllocationBook(rules), team);
          const sum = [...byKey.values()].reduce((a, b) => a + b, 0);
          expect(sum).toBe(unionMs(spans));
          expect(shape.activeMs).toBe(unionMs(spans));
          const pieces = timedPieces(
            spans,
            DAY_START,
            DAY_END,
            [],
            new AllocationBook(rules),
            team,
          );
          const fromPieces = new Map<string, number>();
          for (const p of pieces) {
            const k = p.projectId ? `${p.projectId}|` : '';
            fromPieces.set(k, (fromPieces.get(k) ?? 0) + p.endMs - p.startMs);
          }
          expect(fromPieces).toEqual(byKey);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a rule change reallocates past time: the same day shape under the new rules', () => {
    fc.assert(
      fc.property(
        fc.array(span, { minLength: 1, maxLength: 20 }),
        fc.array(rule, { maxLength: 10 }),
        rule,
        (spans, rules, added) => {
          const shape = shapeDay(spans, DAY_START, DAY_END, []);
          const after = allocateShape(shape, new AllocationBook([added, ...rules]), null);
          // Recomputed from scratch under the new rules, the answer is the same as from the cached shape.
          const fresh = allocateShape(
            shapeDay(spans, DAY_START, DAY_END, []),
            new AllocationBook([added, ...rules]),
            null,
          );
          expect(after).toEqual(fresh);
          // An organization rule that is the only one allocates every span it matches.
          const only = allocateShape(shape, new AllocationBook([added]), null);
          const book = new AllocationBook([added]);
          const matched = spans.filter((s) => book.match(s, null) !== null);
          expect(only.get(`${added.projectId}|`) ?? 0).toBe(unionMs(matched));
          expect(only.get('') ?? 0).toBe(unionMs(spans) - unionMs(matched));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('overrides beat rules inside their range and leave the total unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 20 }),
        fc.array(rule, { maxLength: 8 }),
        fc.integer({ min: 0, max: DAY_END - 1 }),
        fc.integer({ min: 1, max: DAY_END }),
        (spans, rules, a, len) => {
          const o = {
            id: 'o1',
            startMs: a,
            endMs: Math.min(DAY_END, a + len),
            projectId: 'ov',
            taskId: null,
            order: 0,
          };
          const shape = shapeDay(spans, DAY_START, DAY_END, [o]);
          const byKey = allocateShape(shape, new AllocationBook(rules), null);
          expect([...byKey.values()].reduce((x, y) => x + y, 0)).toBe(unionMs(spans));
          const inside = spans.map((s) => ({
            ...s,
            startMs: Math.max(s.startMs, o.startMs),
            endMs: Math.min(s.endMs, o.endMs),
          }));
          expect(byKey.get('ov|') ?? 0).toBe(unionMs(inside.filter((s) => s.endMs > s.startMs)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('precedence: team over organization, then title over site over application', () => {
    const book = new AllocationBook([
      { id: '1', teamId: null, kind: 'app', normalized: 'firefox', projectId: 'app', taskId: null },
      {
        id: '2',
        teamId: null,
        kind: 'site',
        normalized: 'acme.com',
        projectId: 'site',
        taskId: null,
      },
      {
        id: '3',
        teamId: null,
        kind: 'title',
        normalized: 'proj-*',
        projectId: 'title',
        taskId: 't',
      },
      {
        id: '4',
        teamId: 'team',
        kind: 'app',
        normalized: 'firefox',
        projectId: 'team-app',
        taskId: null,
      },
    ]);
    const facts = { app: 'Firefox', host: 'shop.acme.com', title: 'PROJ-123 fix' };
    expect(book.match(facts, null)).toEqual({ projectId: 'title', taskId: 't' });
    expect(book.match({ ...facts, title: 'other' }, null)).toEqual({
      projectId: 'site',
      taskId: null,
    });
    expect(book.match({ ...facts, title: null, host: 'example.org' }, null)?.projectId).toBe('app');
    expect(book.match(facts, 'team')?.projectId).toBe('team-app');
    expect(book.match({ app: 'Slack', host: null, title: null }, null)).toBeNull();
  });
});
