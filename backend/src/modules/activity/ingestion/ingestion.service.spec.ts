import { PayloadTooLargeError, ValidationFailedError } from '#src/common/errors/domain-error.js';
import type { EnqueueOptions, JobQueue } from '#src/jobs/job-queue.js';
import type { DeviceSession } from '#src/modules/agent/devices.repository.js';
import { RollupPasses } from '../rollups/rollup-passes.js';
import { ActivityKeyCache } from './activity-key.cache.js';
import type {
  IngestionRepository,
  KeyRequest,
  SpanOwner,
  SpanRow,
} from './ingestion.repository.js';
import { IngestionPolicies } from './ingestion-policies.js';
import { IngestionService } from './ingestion.service.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const device: DeviceSession = {
  deviceId: 'dev-1',
  organizationId: 'org-1',
  employeeId: 'emp-1',
  collectTitles: true,
  urlMode: 'full',
};

/** Stores spans in memory with the same (device, event) uniqueness as the table. */
class FakeRepository {
  spans = new Map<string, SpanRow & SpanOwner>();
  keyRequests: KeyRequest[][] = [];
  private keyIds = new Map<string, string>();

  insertSpans(owner: SpanOwner, rows: SpanRow[]): Promise<{ inserted: number; revised: number }> {
    let inserted = 0;
    let revised = 0;
    for (const r of rows) {
      const id = `${owner.deviceId}/${r.eventId}`;
      const stored = this.spans.get(id);
      if (stored && stored.rev >= r.rev) continue;
      this.spans.set(id, { ...owner, ...r });
      if (stored) revised++;
      else inserted++;
    }
    return Promise.resolve({ inserted, revised });
  }

  ensureKeys(organizationId: string, keys: KeyRequest[]): Promise<string[]> {
    this.keyRequests.push(keys);
    return Promise.resolve(
      keys.map((k) => {
        const slot = `${organizationId}/${k.kind}/${k.normalized}`;
        if (!this.keyIds.has(slot)) this.keyIds.set(slot, `key-${this.keyIds.size + 1}`);
        return this.keyIds.get(slot)!;
      }),
    );
  }
}

/** Records what is queued: a unit test runs no jobs. */
class RecordingQueue {
  queued: { name: string; options?: EnqueueOptions }[] = [];

  enqueue(name: string, _data: unknown, options?: EnqueueOptions): Promise<void> {
    this.queued.push({ name, options });
    return Promise.resolve();
  }
}

function setup() {
  const repository = new FakeRepository();
  const queue = new RecordingQueue();
  const gate = { calls: 0, assertMayIngest: () => (gate.calls++, Promise.resolve()) };
  const policies = new IngestionPolicies();
  policies.register(gate);
  const service = new IngestionService(
    repository as unknown as IngestionRepository,
    new ActivityKeyCache(),
    policies,
    new RollupPasses(queue as unknown as JobQueue),
  );
  return { repository, gate, service, queue };
}

let n = 0;
function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'active',
    start: '2026-03-10T09:00:00Z',
    end: '2026-03-10T09:01:00Z',
    app: 'Code',
    ...overrides,
  };
}

describe('IngestionService', () => {
  it('stores valid events, lists rejected ones by index, and counts duplicates', async () => {
    const { repository, service } = setup();
    const good = event();
    const result = await service.ingest(
      device,
      { events: [good, event({ kind: 'busy' }), good] },
      NOW,
    );
    expect(result).toEqual({
      accepted: 1,
      duplicates: 1,
      revised: 0,
      rejected: [{ index: 1, reason: 'kind must be "active" or "idle"' }],
      truncated: 0,
      sanitized: 0,
    });
    expect([...repository.spans.values()][0]).toMatchObject({
      deviceId: 'dev-1',
      organizationId: 'org-1',
      employeeId: 'emp-1',
    });
  });

  it('asks for one coalesced rollup pass when something new is stored, none for duplicates', async () => {
    const { service, queue } = setup();
    const events = [event(), event()];
    await service.ingest(device, { events }, NOW);
    expect(queue.queued).toEqual([
      {
        name: 'activity.recompute-rollups',
        options: { coalesceKey: 'activity-recompute-rollups', delayMs: 1_000 },
      },
    ]);
    const again = await service.ingest(device, { events }, NOW);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(queue.queued).toHaveLength(1);
  });

  it('asks the notice gate before anything else', async () => {
    const { gate, service } = setup();
    await service.ingest(device, { events: [] }, NOW);
    expect(gate.calls).toBe(1);
  });

  it('resolves each new app or site name once, then from the cache', async () => {
    const { repository, service } = setup();
    await service.ingest(
      device,
      {
        events: [
          event({ app: 'Slack' }),
          event({ app: 'slack ' }),
          event({ app: 'Firefox', url: 'https://GitHub.com/x' }),
          event({ kind: 'idle' }),
        ],
      },
      NOW,
    );
    expect(repository.keyRequests).toEqual([
      [
        { kind: 'app', normalized: 'slack', name: 'Slack' },
        { kind: 'site', normalized: 'github.com', name: 'github.com' },
      ],
    ]);
    await service.ingest(device, { events: [event({ app: 'SLACK' })] }, NOW);
    expect(repository.keyRequests).toHaveLength(1);
    const keys = [...repository.spans.values()].map((s) => s.keyId);
    expect(keys).toEqual(['key-1', 'key-1', 'key-2', null, 'key-1']);
  });

  it('refuses an envelope with unknown fields or without an events array', async () => {
    const { service } = setup();
    for (const body of [{ events: [], device: 'x' }, {}, { events: {} }, null, 'events']) {
      await expect(service.ingest(device, body, NOW)).rejects.toBeInstanceOf(ValidationFailedError);
    }
  });

  it('refuses more than 5,000 events as too large, storing nothing', async () => {
    const { repository, service } = setup();
    const events = Array.from({ length: 5001 }, () => event());
    await expect(service.ingest(device, { events }, NOW)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(repository.spans.size).toBe(0);
  });

  it('drops what the organization does not collect before anything is cut or counted', async () => {
    const { repository, service } = setup();
    const result = await service.ingest(
      { ...device, collectTitles: false, urlMode: 'host' },
      {
        events: [event({ title: 'x'.repeat(5000), url: `https://a.example/${'p'.repeat(5000)}` })],
      },
      NOW,
    );
    expect(result.truncated).toBe(0);
    expect([...repository.spans.values()][0]).toMatchObject({ title: null, url: 'a.example' });
  });

  it('counts the events it cleaned of control characters beside the ones it cut', async () => {
    const { repository, service } = setup();
    const result = await service.ingest(
      device,
      {
        events: [
          event({ app: 'x\n@SUM(1+1)' }),
          event({ title: `a\u0000${'t'.repeat(2000)}` }),
          event({ title: 'clean' }),
        ],
      },
      NOW,
    );
    expect(result).toMatchObject({ accepted: 3, truncated: 1, sanitized: 2 });
    expect([...repository.spans.values()].map((s) => s.app)).toContain('x @SUM(1+1)');
  });
});
