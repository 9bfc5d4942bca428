import { addDays } from '../counting/time-zone.js';
import { RuleBook } from '../rules/rule-matcher.js';
import { buildDayRows, consecutiveRuns } from './day-rows.js';
import { keysetIdOf, type KeyMeta } from './key-catalog.js';

const meta = new Map<string, KeyMeta>([
  ['k-code', { id: 'k-code', kind: 'app', name: 'Code', normalized: 'code' }],
  [
    'k-tube',
    { id: 'k-tube', kind: 'site', name: 'www.youtube.com', normalized: 'www.youtube.com' },
  ],
]);
const rules = {
  revision: 7,
  book: new RuleBook([
    { kind: 'app', normalized: 'code', productivity: 'productive', teamId: null },
    { kind: 'site', normalized: 'youtube.com', productivity: 'unproductive', teamId: null },
    { kind: 'site', normalized: 'youtube.com', productivity: 'neutral', teamId: 'team-x' },
  ]),
};
const H = 3_600_000;
const T0 = Date.parse('2026-03-29T00:00:00+01:00');

describe('buildDayRows', () => {
  const spans = [
    { kind: 'active' as const, startMs: T0 - H, endMs: T0 + 2 * H, keyId: 'k-code' },
    { kind: 'active' as const, startMs: T0 + H, endMs: T0 + 3 * H, keyId: 'k-tube' },
    { kind: 'idle' as const, startMs: T0 + 2 * H, endMs: T0 + 5 * H, keyId: null },
  ];

  it('splits at local midnight, keeps keysets of overlapping devices, and stamps the rule revision', () => {
    const employee = { id: 'e', organizationId: 'o', timeZone: 'Europe/Berlin', teamId: null };
    const { totals, keysetRows, keysets } = buildDayRows(
      employee,
      ['2026-03-28', '2026-03-29'],
      spans,
      meta,
      rules,
      123,
    );
    expect(totals.map((t) => [t.day, t.activeMs, t.idleMs])).toEqual([
      ['2026-03-28', H, 0],
      ['2026-03-29', 3 * H, 2 * H],
    ]);
    const day = totals[1];
    expect(day).toMatchObject({
      productiveMs: 2 * H,
      unproductiveMs: H,
      neutralMs: 0,
      classRevision: 7,
    });
    expect(day.productiveMs + day.neutralMs + day.unproductiveMs).toBe(day.activeMs);
    const both = keysetIdOf(['k-code', 'k-tube']);
    expect(both).toMatch(/^m[0-9a-f]{35}$/);
    expect(keysets.get(both)).toEqual(['k-code', 'k-tube']);
    expect(keysetRows.filter((r) => r.day === '2026-03-29').map((r) => [r.keysetId, r.ms])).toEqual(
      [
        ['k-code', H],
        [both, H],
        ['k-tube', H],
      ],
    );
  });

  it('classes keysets under the employee’s team rules', () => {
    const employee = { id: 'e', organizationId: 'o', timeZone: 'Europe/Berlin', teamId: 'team-x' };
    const { totals } = buildDayRows(employee, ['2026-03-29'], spans, meta, rules, 1);
    expect(totals[0]).toMatchObject({
      productiveMs: 2 * H,
      neutralMs: H,
      unproductiveMs: 0,
      classTeamId: 'team-x',
    });
  });

  it('writes no row for a day without time', () => {
    const employee = { id: 'e', organizationId: 'o', timeZone: 'UTC', teamId: null };
    expect(buildDayRows(employee, ['2026-01-01'], spans, meta, rules, 1).totals).toEqual([]);
  });
});

describe('consecutiveRuns', () => {
  it('groups consecutive days and caps the length of a run', () => {
    const days = ['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-05', '2026-01-06'];
    expect(consecutiveRuns(days, (d) => addDays(d, 1), 2)).toEqual([
      ['2026-01-01', '2026-01-02'],
      ['2026-01-04', '2026-01-05'],
      ['2026-01-06'],
    ]);
    expect(keysetIdOf([])).toBe('');
    expect(keysetIdOf(['only'])).toBe('only');
  });
});
