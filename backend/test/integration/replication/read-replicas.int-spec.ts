import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createEmployee, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { ReadReplicas } from '#src/database/replicas/read-replicas.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { type AgentEvent, enrollDevice, sendEvents } from '../reports/report-fixtures.js';
import { startReplicationPair, type ReplicationPair } from '#test/support/mariadb-replication.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';

// Reports against a real MariaDB replica (binary log + GTID), never a mock: what they show proves
// where they read. The replica's SQL thread is stopped so that it keeps an older state while the
// primary moves on; within the lag limit the reports show that older state, past it the new one.

const MAX_LAG_SECONDS = 8;
const DAY = '2026-03-10';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;
const event = (kind: 'active' | 'idle', from: string, to: string, app?: string): AgentEvent => ({
  id: randomUUID(),
  kind,
  start: at(from),
  end: at(to),
  ...(app ? { app, title: `${app} window` } : {}),
});

describe('reports from a read replica (MariaDB, GTID replication)', () => {
  let pair: ReplicationPair;
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let employeeId: string;
  let deviceToken: string;
  const api = () => request(ctx.app.getHttpServer());
  const get = (path: string) =>
    api().get(path).set('Authorization', `Bearer ${owner.accessToken}`).expect(200);

  const metrics = async (): Promise<string> => (await api().get('/metrics').expect(200)).text;
  /** A sample of /metrics whose labels include `labels` (NaN when absent). */
  const sample = (text: string, name: string, labels: Record<string, string>): number => {
    for (const line of text.split('\n')) {
      const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const has = Object.entries(labels).every(([k, v]) => match[2].includes(`${k}="${v}"`));
      if (has) return Number(match[3]);
    }
    return Number.NaN;
  };
  const lagSeconds = async () =>
    sample(await metrics(), 'calltimex_db_replica_lag_seconds', { replica: 'replica-1' });
  const readsFrom = async (source: string) => {
    const value = sample(await metrics(), 'calltimex_db_replica_reads_total', { source });
    return Number.isNaN(value) ? 0 : value;
  };
  const replicaState = async (): Promise<{ state: string; lagSeconds: number | null }> => {
    const res = await api().get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    return res.body.details.replicas[0] as { state: string; lagSeconds: number | null };
  };
  const waitForState = (state: string, timeoutMs = 30_000) =>
    eventually(async () => (await replicaState()).state === state, timeoutMs);

  const summaryActive = async () => {
    const res = await get(`/api/v1/reports/summary?from=${DAY}&to=${DAY}`);
    return res.body.rows.find((r: { employeeId: string }) => r.employeeId === employeeId) as {
      activeSeconds: number;
      productiveSeconds: number;
    };
  };
  const usageApps = async () => {
    const res = await get(`/api/v1/reports/usage?from=${DAY}&to=${DAY}&employeeId=${employeeId}`);
    return (res.body.rows as { name: string }[]).map((r) => r.name).sort();
  };
  const timelineActive = async () =>
    (await get(`/api/v1/reports/timeline?employeeId=${employeeId}&day=${DAY}`)).body
      .activeSeconds as number;
  const attendanceWorked = async () =>
    (await get(`/api/v1/reports/attendance?from=${DAY}&to=${DAY}&employeeId=${employeeId}`)).body
      .rows[0].workedSeconds as number;
  /** Spans of the employee on one server, read there directly as root. */
  const spansOn = async (server: 'primary' | 'replica') => {
    const [{ n }] = await pair[server].query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM \`${pair.database}\`.activity_spans WHERE employeeId = ?`,
      [employeeId],
    );
    return Number(n);
  };

  beforeAll(async () => {
    pair = await startReplicationPair();
    ctx = await startTestApp({
      DATABASE_URL: pair.primary.url(pair.user, pair.database),
      DATABASE_REPLICA_URLS: pair.replica.url(pair.user, pair.database),
      DATABASE_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
    });
    owner = await signUp(ctx.app);
    const employee = await createEmployee(ctx.app, owner.accessToken, { timeZone: 'UTC' });
    employeeId = employee.id;
    deviceToken = await enrollDevice(ctx.app, owner.accessToken, employee.email);
  }, 120_000);

  afterAll(async () => {
    await jobs?.close();
    await ctx?.close();
    await pair?.close();
  }, 60_000);

  it('measures the replica, shows it in health and /metrics, and serves reports from it', async () => {
    await waitForState('ok');
    const { accepted } = await sendEvents(ctx.app, deviceToken, [
      event('active', '10:00', '11:00', 'Ledger'),
    ]);
    expect(accepted).toBe(1);
    // The first report recomputes the day on the primary; once replicated the replica has it too.
    await summaryActive();
    await pair.caughtUp();
    const before = await readsFrom('replica-1');
    expect(await summaryActive()).toMatchObject({ activeSeconds: 3600, productiveSeconds: 0 });
    expect(await readsFrom('replica-1')).toBeGreaterThan(before);
    expect(await lagSeconds()).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    expect(await replicaState()).toMatchObject({ state: 'ok' });
  });

  it('shows the replica’s older state while it lags within the limit; ingestion and rules use the primary', async () => {
    await pair.stopApplying();
    const stoppedAt = Date.now();
    // Ingestion writes on the primary (the replica is read-only for the app's user).
    const { accepted } = await sendEvents(ctx.app, deviceToken, [
      event('active', '12:00', '12:30', 'Sketchpad'),
    ]);
    expect(accepted).toBe(1);
    expect(await spansOn('primary')).toBe(2);
    expect(await spansOn('replica')).toBe(1);

    // Every report reads the replica, which does not have the new half hour yet.
    expect(await summaryActive()).toMatchObject({ activeSeconds: 3600 });
    expect(await usageApps()).toEqual(['Ledger']);
    expect(await timelineActive()).toBe(3600);
    expect(await attendanceWorked()).toBe(3600);
    // A rule is read on the primary at once, and applied to what the replica counted.
    await api()
      .post('/api/v1/productivity-rules')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ kind: 'app', pattern: 'Ledger', productivity: 'productive' })
      .expect(201);
    expect(await summaryActive()).toMatchObject({ activeSeconds: 3600, productiveSeconds: 3600 });
    // All of that happened while the replica was within the limit.
    expect(Date.now() - stoppedAt).toBeLessThan(MAX_LAG_SECONDS * 1000);
    expect(await lagSeconds()).toBeLessThanOrEqual(MAX_LAG_SECONDS);
    expect(await replicaState()).toMatchObject({ state: 'ok' });
  });

  it('falls back to the primary past the lag limit, and returns to the replica when it catches up', async () => {
    await eventually(async () => (await lagSeconds()) > MAX_LAG_SECONDS, 30_000);
    const state = await replicaState();
    expect(state.state).toBe('lagging');
    expect(state.lagSeconds).toBeGreaterThan(MAX_LAG_SECONDS);
    expect(sample(await metrics(), 'calltimex_db_replica_serving', { replica: 'replica-1' })).toBe(
      0,
    );

    const fromPrimary = await readsFrom('primary');
    expect(await summaryActive()).toMatchObject({ activeSeconds: 5400, productiveSeconds: 3600 });
    expect(await usageApps()).toEqual(['Ledger', 'Sketchpad']);
    expect(await timelineActive()).toBe(5400);
    expect(await attendanceWorked()).toBe(5400);
    expect(await readsFrom('primary')).toBeGreaterThan(fromPrimary);

    await pair.startApplying();
    await pair.caughtUp();
    await waitForState('ok');
    const fromReplica = await readsFrom('replica-1');
    expect(await summaryActive()).toMatchObject({ activeSeconds: 5400 });
    expect(await readsFrom('replica-1')).toBeGreaterThan(fromReplica);
    expect(await lagSeconds()).toBeLessThanOrEqual(MAX_LAG_SECONDS);
  });

  it('answers reports from the primary while the replica is down, healthy all along', async () => {
    await pair.replica.kill();
    // At once, before any check noticed: the failed read is read again on the primary.
    expect(await summaryActive()).toMatchObject({ activeSeconds: 5400 });
    expect(await timelineActive()).toBe(5400);
    await waitForState('down');
    const text = await metrics();
    expect(sample(text, 'calltimex_db_replica_up', { replica: 'replica-1' })).toBe(0);
    expect(sample(text, 'calltimex_db_replica_serving', { replica: 'replica-1' })).toBe(0);
    expect(sample(text, 'calltimex_db_replica_lag_seconds', { replica: 'replica-1' })).toBeNaN();
    const { accepted } = await sendEvents(ctx.app, deviceToken, [
      event('active', '14:00', '14:15', 'Ledger'),
    ]);
    expect(accepted).toBe(1);
    expect(await summaryActive()).toMatchObject({ activeSeconds: 6300 });

    // Back up, it replicates what it missed and serves again.
    await pair.replica.start();
    await pair.caughtUp();
    await waitForState('ok');
    expect(sample(await metrics(), 'calltimex_db_replica_up', { replica: 'replica-1' })).toBe(1);
    const fromReplica = await readsFrom('replica-1');
    expect(await summaryActive()).toMatchObject({ activeSeconds: 6300 });
    expect(await readsFrom('replica-1')).toBeGreaterThan(fromReplica);
  });

  it('runs the worker’s exports from the replica too, and from the primary past the limit', async () => {
    // The worker (in this process, on the app's queues) runs the exports, with replicas of its own;
    // started only now, as its lag gauges would share this process's /metrics with the api's.
    jobs = await startTestJobs(ctx);
    const workerReplicas = jobs.worker!.get(ReadReplicas);
    await eventually(() => workerReplicas.status()[0].state === 'ok', 30_000);
    /** The apps of a usage export (CSV) of the day, run by the worker to the end. */
    const exportedApps = async (): Promise<string> => {
      const created = await api()
        .post('/api/v1/exports')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ report: 'usage', format: 'csv', from: DAY, to: DAY })
        .expect(202);
      const done = await eventually(async () => {
        const res = await get(`/api/v1/exports/${created.body.id as string}`);
        const body = res.body as { status: string; downloadUrl: string };
        return ['completed', 'failed'].includes(body.status) && body;
      }, 30_000);
      expect(done.status).toBe('completed');
      return (await get(done.downloadUrl)).text;
    };

    await pair.stopApplying();
    const stoppedAt = Date.now();
    const { accepted } = await sendEvents(ctx.app, deviceToken, [
      event('active', '15:00', '15:10', 'Whiteboard'),
    ]);
    expect(accepted).toBe(1);
    const fromReplica = await exportedApps();
    expect(fromReplica).toContain('Sketchpad');
    expect(fromReplica).not.toContain('Whiteboard');
    expect(Date.now() - stoppedAt).toBeLessThan(MAX_LAG_SECONDS * 1000);

    await eventually(() => workerReplicas.status()[0].state === 'lagging', 30_000);
    expect(await exportedApps()).toContain('Whiteboard');
    await pair.startApplying();
    await pair.caughtUp();
  });
});
