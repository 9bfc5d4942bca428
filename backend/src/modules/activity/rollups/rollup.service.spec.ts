import type { ProductivityRulesService } from '../rules/productivity-rules.service.js';
import type { KeyCatalog } from './key-catalog.js';
import type { RollupRepository } from './rollup.repository.js';
import { RollupService } from './rollup.service.js';

/** Only what a background pass touches: dirty employees, and one recompute each. */
function setup(dirty: string[][], failing: string[] = []) {
  const asked: number[] = [];
  const recomputed: string[] = [];
  const left = [...dirty];
  const repo = {
    dirtyEmployees: (limit: number) => {
      asked.push(limit);
      return Promise.resolve(left.shift() ?? []);
    },
    recompute: (employeeId: string) => {
      if (failing.includes(employeeId)) return Promise.reject(new Error('bad row'));
      recomputed.push(employeeId);
      return Promise.resolve(1);
    },
  };
  const rules = { onChange: () => undefined };
  const service = new RollupService(
    repo as unknown as RollupRepository,
    rules as unknown as ProductivityRulesService,
    {} as KeyCatalog,
  );
  return { service, asked, recomputed };
}

describe('RollupService background pass', () => {
  it('recomputes every dirty employee until none is left, days dirtied meanwhile included', async () => {
    const { service, asked, recomputed } = setup([['e1', 'e2'], ['e3'], []]);
    expect(await service.recomputeDirty()).toBe(3);
    expect(recomputed).toEqual(['e1', 'e2', 'e3']);
    expect(asked).toEqual([200, 200, 200]);
  });

  it('skips an employee that fails, finishes the others, then fails the pass for a retry', async () => {
    // The failed one stays dirty: the pass asks for one more and leaves it alone.
    const { service, asked, recomputed } = setup([['e1', 'bad'], ['bad', 'e2'], ['bad']], ['bad']);
    await expect(service.recomputeDirty()).rejects.toThrow('1 employee(s)');
    expect(recomputed).toEqual(['e1', 'e2']);
    expect(asked).toEqual([200, 201, 201]);
  });

  it('stops when its job is aborted (the worker shuts down)', async () => {
    const { service, recomputed } = setup([['e1', 'e2']]);
    const controller = new AbortController();
    controller.abort();
    await expect(service.recomputeDirty(controller.signal)).rejects.toThrow('stopped');
    expect(recomputed).toEqual([]);
  });
});
