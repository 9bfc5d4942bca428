import type { CountedSpan } from '../counting/segments.js';
import type { ProductivityRulesService } from '../rules/productivity-rules.service.js';
import { RuleBook } from '../rules/rule-matcher.js';
import type { DayRows } from './day-rows.js';
import type { KeyCatalog, KeyMeta } from './key-catalog.js';
import type { RollupClaim, RollupStore } from './rollup-store.js';
import { RollupService } from './rollup.service.js';

const CODE: KeyMeta = { id: 'k-code', kind: 'app', name: 'Code', normalized: 'code' };
const rules = {
  onChange: () => undefined,
  ruleBook: () =>
    Promise.resolve({
      revision: 7,
      book: new RuleBook([
        { kind: 'app', normalized: 'code', productivity: 'productive', teamId: null },
      ]),
    }),
};
const catalog = {
  meta: (ids: Iterable<string>) =>
    Promise.resolve(new Map([...ids].flatMap((id) => (id === CODE.id ? [[id, CODE]] : [])))),
  remember: () => undefined,
};

/** A claim over plain data that records what the service hands back. */
class FakeClaim implements RollupClaim {
  readonly employee = { id: 'e1', organizationId: 'o1', timeZone: 'UTC', teamId: null };
  readonly written: { days: readonly string[]; rows: DayRows }[] = [];
  readonly windows: [number, number][] = [];
  ended: 'commit' | 'rollback' | null = null;

  constructor(
    readonly runs: string[][],
    private readonly stored: CountedSpan[],
    private readonly failWrite = false,
  ) {}

  spans(fromMs: number, toMs: number): Promise<CountedSpan[]> {
    this.windows.push([fromMs, toMs]);
    return Promise.resolve(this.stored.filter((s) => s.endMs > fromMs && s.startMs < toMs));
  }

  write(days: readonly string[], rows: DayRows): Promise<void> {
    if (this.failWrite) return Promise.reject(new Error('disk full'));
    this.written.push({ days, rows });
    return Promise.resolve();
  }

  commit(): Promise<boolean> {
    this.ended = 'commit';
    return Promise.resolve(true);
  }

  rollback(): Promise<void> {
    this.ended = 'rollback';
    return Promise.resolve();
  }
}

function setup(store: Partial<Record<keyof RollupStore, unknown>>) {
  return new RollupService(
    store as unknown as RollupStore,
    rules as unknown as ProductivityRulesService,
    catalog as unknown as KeyCatalog,
  );
}

/** A background pass: dirty employees in batches, one recompute (claim) each. */
function passSetup(dirty: string[][], failing: string[] = []) {
  const asked: number[] = [];
  const claimed: string[] = [];
  const left = [...dirty];
  const service = setup({
    dirtyEmployees: (limit: number) => {
      asked.push(limit);
      return Promise.resolve(left.shift() ?? []);
    },
    claim: (employeeId: string) => {
      if (failing.includes(employeeId)) return Promise.reject(new Error('bad row'));
      claimed.push(employeeId);
      return Promise.resolve(null);
    },
  });
  return { service, asked, claimed };
}

const at = (iso: string) => Date.parse(iso);

describe('RollupService recompute', () => {
  it('counts each claimed run from its spans under today’s rules and commits the rows', async () => {
    const claim = new FakeClaim(
      [['2026-03-02', '2026-03-03'], ['2026-03-05']],
      [
        {
          kind: 'active',
          startMs: at('2026-03-02T09:00:00Z'),
          endMs: at('2026-03-02T10:00:00Z'),
          keyId: CODE.id,
        },
        {
          kind: 'active',
          startMs: at('2026-03-03T23:30:00Z'),
          endMs: at('2026-03-04T00:30:00Z'),
          keyId: null,
        },
        {
          kind: 'idle',
          startMs: at('2026-03-05T12:00:00Z'),
          endMs: at('2026-03-05T12:10:00Z'),
          keyId: null,
        },
      ],
    );
    const service = setup({ claim: () => Promise.resolve(claim) });
    expect(await service.recompute('e1')).toBe(3);
    expect(claim.windows).toEqual([
      [at('2026-03-02T00:00:00Z'), at('2026-03-04T00:00:00Z')],
      [at('2026-03-05T00:00:00Z'), at('2026-03-06T00:00:00Z')],
    ]);
    expect(claim.ended).toBe('commit');
    const totals = claim.written.flatMap((w) => w.rows.totals);
    expect(
      totals.map((t) => [
        t.day,
        t.activeMs,
        t.idleMs,
        t.productiveMs,
        t.neutralMs,
        t.classRevision,
      ]),
    ).toEqual([
      ['2026-03-02', 3_600_000, 0, 3_600_000, 0, 7],
      ['2026-03-03', 1_800_000, 0, 0, 1_800_000, 7],
      ['2026-03-05', 0, 600_000, 0, 0, 7],
    ]);
    // One generation per recompute, on every day it wrote.
    expect(new Set(totals.map((t) => t.generation)).size).toBe(1);
  });

  it('rolls the claim back when writing fails, so the days stay dirty', async () => {
    const claim = new FakeClaim([['2026-03-02']], [], true);
    const service = setup({ claim: () => Promise.resolve(claim) });
    await expect(service.recompute('e1')).rejects.toThrow('disk full');
    expect(claim.ended).toBe('rollback');
  });
});

describe('RollupService background pass', () => {
  it('recomputes every dirty employee until none is left, days dirtied meanwhile included', async () => {
    const { service, asked, claimed } = passSetup([['e1', 'e2'], ['e3'], []]);
    expect(await service.recomputeDirty()).toBe(3);
    expect(claimed).toEqual(['e1', 'e2', 'e3']);
    expect(asked).toEqual([200, 200, 200]);
  });

  it('skips an employee that fails, finishes the others, then fails the pass for a retry', async () => {
    // The failed one stays dirty: the pass asks for one more and leaves it alone.
    const { service, asked, claimed } = passSetup([['e1', 'bad'], ['bad', 'e2'], ['bad']], ['bad']);
    await expect(service.recomputeDirty()).rejects.toThrow('1 employee(s)');
    expect(claimed).toEqual(['e1', 'e2']);
    expect(asked).toEqual([200, 201, 201]);
  });

  it('stops when its job is aborted (the worker shuts down)', async () => {
    const { service, claimed } = passSetup([['e1', 'e2']]);
    const controller = new AbortController();
    controller.abort();
    await expect(service.recomputeDirty(controller.signal)).rejects.toThrow('stopped');
    expect(claimed).toEqual([]);
  });
});

describe('RollupService split refresh', () => {
  it('lets a report correcting a split go first; the refresh reads once the report is done', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events: string[] = [];
    const store = {
      keysetMsOfRangeFor: async () => {
        events.push('report reads');
        await gate;
        events.push('report done');
        return [{ employeeId: 'e1', keysetId: CODE.id, ms: 60_000 }];
      },
      employeesOf: () => Promise.resolve([{ id: 'e1', teamId: null }]),
      staleTotals: () => {
        events.push('refresh reads');
        return Promise.resolve([]);
      },
    };
    const changingRules = {
      ...rules,
      // Revision 6 had no rules: Code was neutral then, productive now.
      ruleBookAt: () => Promise.resolve(new RuleBook([])),
    };
    const keyCatalog = {
      ...catalog,
      organizationKeys: () => Promise.resolve([CODE]),
      organizationKeysets: () => Promise.resolve(new Map()),
    };
    const service = new RollupService(
      store as unknown as RollupStore,
      changingRules as unknown as ProductivityRulesService,
      keyCatalog as unknown as KeyCatalog,
    );
    const split = { productive: 0, neutral: 60_000, unproductive: 0 };
    const correcting = service.correctSplits(
      'o1',
      [{ employeeId: 'e1', teamId: null, revision: 6, split }],
      '2026-03-02',
      '2026-03-02',
      'primary',
    );
    service.scheduleRefresh('o1');
    // Past the refresh's one-second delay: it waits for the report instead of reading beside it.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(events).toEqual(['report reads']);
    release();
    expect(await correcting).toEqual([]);
    expect(split).toEqual({ productive: 60_000, neutral: 0, unproductive: 0 });
    await service.settled('o1');
    expect(events).toEqual(['report reads', 'report done', 'refresh reads']);
  });
});
