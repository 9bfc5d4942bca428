import { setTimeout as sleep } from 'node:timers/promises';
import type { JobsLifecycle } from '../../../jobs/jobs-lifecycle.js';
import type { ProductivityRulesService } from '../rules/productivity-rules.service.js';
import type { KeyCatalog } from './key-catalog.js';
import type { RollupRepository } from './rollup.repository.js';
import { RollupService } from './rollup.service.js';

/** Only what the background pass touches: it asks for dirty employees and recomputes each. */
function setup(doesBackgroundWork: boolean | null) {
  const asked: number[] = [];
  const recomputed: string[] = [];
  const repo = {
    dirtyEmployees: (limit: number) => {
      asked.push(limit);
      return Promise.resolve(asked.length === 1 ? ['e1', 'e2'] : []);
    },
    recompute: (employeeId: string) => {
      recomputed.push(employeeId);
      return Promise.resolve(1);
    },
  };
  const rules = { onChange: () => undefined };
  const jobs = doesBackgroundWork === null ? undefined : ({ doesBackgroundWork } as JobsLifecycle);
  const service = new RollupService(
    repo as unknown as RollupRepository,
    rules as unknown as ProductivityRulesService,
    {} as KeyCatalog,
    jobs,
  );
  return { service, asked, recomputed };
}

describe('RollupService background pass', () => {
  it('runs where background work runs (the worker, or the embedded api)', async () => {
    const { service, asked, recomputed } = setup(true);
    service.onApplicationBootstrap();
    await sleep(1_300);
    await service.onApplicationShutdown();
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(recomputed).toEqual(['e1', 'e2']);
  });

  it('does not run in a server-mode api: that one leaves it to the worker', async () => {
    const { service, asked } = setup(false);
    service.onApplicationBootstrap();
    await sleep(1_300);
    await service.onApplicationShutdown();
    expect(asked).toEqual([]);
  });
});
