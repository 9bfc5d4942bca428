import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import {
  freePort,
  startServer,
  startWorker,
  until,
  type RunningServer,
  type WorkerProcess,
} from './server-process.js';

// Several processes at once, as a scaled installation runs: two api processes and two workers on
// one MariaDB and one Redis. With ingestion, exports and privacy requests in flight, one api and
// one worker die by SIGKILL and Redis restarts empty (it keeps nothing on disk). Afterwards every
// event is stored once, every export and privacy request completed once, every mail written once,
// and the scheduled sweeper ran once per period across both workers.
const MYSQL_ROOT = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test').replace(
  /\/[^/]*$/,
  '',
);
const DB_NAME = `calltimex_e2e_chaos_${process.env.JEST_WORKER_ID ?? '1'}`;
const EMPLOYEES = 10;
const SEEDED_SPANS = 3_000; // per employee: exports of 30,000 rows take long enough to be cut
const FIRST_DAY = '2026-03-02';
const SWEEP_SECONDS = 5;
const EXPORTS = 4;
const MAX_ROUNDS = 400; // of one 40-event batch per device: bounded, however long the faults last

/** A Redis of the test's own, so it can be killed and restarted without touching anyone else's. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    await until(
      async () => {
        const probe = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      },
      15_000,
      'private redis to answer',
    );
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

interface Call {
  status: number;
  // Test assertions read the JSON bodies as they come.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
}

async function call(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; bearer?: string } = {},
): Promise<Call> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.bearer) headers.Authorization = `Bearer ${init.bearer}`;
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : { text } };
}

function spans(employee: number, from: number, count: number, startMs: number): object[] {
  return Array.from({ length: count }, (_, i) => {
    // 20 s apart: a day's 3,000 seeded spans run from 07:00 to 23:40 UTC, all on that day.
    const t = startMs + (from + i) * 20_000;
    return {
      id: randomUUID(),
      kind: 'active',
      start: new Date(t).toISOString(),
      end: new Date(t + 15_000).toISOString(),
      app: `App ${employee % 3}`,
      title: `Document ${(from + i) % 50}`,
    };
  });
}

describe('two apis and two workers under faults', () => {
  let admin: Connection;
  let db: Connection;
  let redis: PrivateRedis;
  let dataDir = '';
  let env: Record<string, string>;
  const apis: RunningServer[] = [];
  const workers: WorkerProcess[] = [];
  let token = '';
  const devices: { employeeId: string; token: string }[] = [];
  /** Every event id the api acknowledged (a batch is sent again to the other api if one fails). */
  const acknowledged = new Set<string>();

  beforeAll(async () => {
    admin = await createConnection(`${MYSQL_ROOT}/mysql`);
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.query(
      `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    redis = new PrivateRedis(await freePort());
    await redis.start();
    // One shared data directory, as the api and worker pods share a volume for exports and mail.
    dataDir = mkdtempSync(join(tmpdir(), 'ctx-chaos-'));
    env = {
      DATABASE_URL: `${MYSQL_ROOT}/${DB_NAME}`,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      JWT_SECRET: 'e2e-chaos-secret-e2e-chaos-secret-0123456789',
      QUEUE_PREFIX: `ctx-chaos-${randomUUID().slice(0, 8)}`,
      JOB_LOCK_SECONDS: '3',
      WORKER_SHUTDOWN_GRACE_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
      SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS),
      SWEEP_STALE_SECONDS: '5',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    };
    apis.push(await startServer(env)); // migrates
    apis.push(await startServer(env));
    db = await createConnection(`${MYSQL_ROOT}/${DB_NAME}`);

    const [a] = apis;
    const owner = await call(a.url, '/api/v1/auth/signup', {
      body: {
        organizationName: 'Chaos Org',
        fullName: 'Carla Chaos',
        email: 'carla@chaos.test',
        password: 'chaos-e2e-password-42',
      },
    });
    expect(owner.status).toBe(201);
    token = owner.body.accessToken as string;
    const enrollment = await call(a.url, '/api/v1/agent/enrollment-tokens', {
      body: {},
      bearer: token,
    });
    const start = Date.parse(`${FIRST_DAY}T07:00:00Z`);
    for (let i = 0; i < EMPLOYEES; i += 1) {
      const email = `e${i}@chaos.test`;
      const employee = await call(a.url, '/api/v1/employees', {
        body: { fullName: `Employee ${i}`, email },
        bearer: token,
      });
      expect(employee.status).toBe(201);
      const device = await call(a.url, '/api/v1/agent/enroll', {
        body: {
          enrollmentToken: enrollment.body.token,
          employeeEmail: email,
          hostname: `ws-${i}`,
          os: 'Linux',
          agentVersion: 'e2e',
        },
      });
      devices.push({ employeeId: employee.body.id as string, token: device.body.deviceToken });
      const events = spans(i, 0, SEEDED_SPANS, start);
      const sent = await call(a.url, '/api/v1/agent/events', {
        body: { events },
        bearer: device.body.deviceToken as string,
      });
      expect(sent.body.accepted).toBe(SEEDED_SPANS);
      for (const e of events as { id: string }[]) acknowledged.add(e.id);
    }
    for (let w = 0; w < 2; w += 1) workers.push(startWorker(env, await freePort()));
    for (const w of workers) {
      await until(
        () =>
          fetch(`http://127.0.0.1:${w.healthPort}/health`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
        'worker health',
      );
    }
  }, 300_000);

  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    for (const api of apis) await api.stop().catch(() => undefined);
    await redis?.kill();
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin?.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and does nothing twice', async () => {
    try {
      await faultsAndCounts();
    } catch (error) {
      const tail = (name: string, text: string) => `--- ${name}\n${text.slice(-3000)}`;
      throw new Error(
        [
          String(error instanceof Error ? error.stack : error),
          ...apis.map((api, i) => tail(`api ${i}`, api.logs())),
          ...workers.map((w, i) => tail(`worker ${i} (exit ${w.child.exitCode})`, w.logs())),
        ].join('\n'),
      );
    }
  }, 600_000);

  async function faultsAndCounts(): Promise<void> {
    const [apiA, apiB] = apis;
    const [workerA, workerB] = workers;
    const alive = () => apis.filter((api) => api.process.exitCode === null && !killed.has(api));
    const killed = new Set<RunningServer>();

    // The sweeper is scheduled once for the installation: two workers run it once per period.
    const sweeps = new Queue('maintenance', {
      connection: new Redis(redis.url, { maxRetriesPerRequest: null }),
      prefix: env.QUEUE_PREFIX,
    });
    const watchFrom = Date.now();
    await new Promise((r) => setTimeout(r, 4 * SWEEP_SECONDS * 1000));
    const finished = (await sweeps.getJobs(['completed'])).filter(
      (job) => job.name === 'maintenance.sweep' && (job.processedOn ?? 0) >= watchFrom,
    );
    const periods = (Date.now() - watchFrom) / (SWEEP_SECONDS * 1000);
    expect(finished.length).toBeGreaterThanOrEqual(Math.floor(periods) - 1);
    expect(finished.length).toBeLessThanOrEqual(Math.ceil(periods) + 1);
    await sweeps.close();

    // An erasure first: it removes every export that may hold the person, so it ends before them.
    const erased = devices[EMPLOYEES - 1].employeeId;
    const requests: string[] = [];
    const erasure = await call(apiB.url, '/api/v1/privacy/requests', {
      body: { type: 'erasure', employeeId: erased },
      bearer: token,
    });
    expect(erasure.status).toBe(201);
    requests.push(erasure.body.id as string);
    await until(
      async () => {
        const [rows] = (await db.query('SELECT status FROM privacy_requests WHERE id = ?', [
          erasure.body.id,
        ])) as unknown as [{ status: string }[]];
        return rows[0]?.status === 'completed';
      },
      120_000,
      'the erasure to complete',
    );

    // Ingestion keeps going throughout, through whichever api is up, as agents retry.
    let ingesting = true;
    let batches = 0;
    const start = Date.parse(`${FIRST_DAY}T07:00:00Z`) + 86_400_000;
    const ingestion = (async () => {
      for (let round = 0; ingesting && round < MAX_ROUNDS; round += 1) {
        await new Promise((r) => setTimeout(r, 200));
        for (const [i, device] of devices.entries()) {
          if (device.employeeId === erased) continue;
          const events = spans(i, round * 40, 40, start) as { id: string }[];
          for (let attempt = 0; ; attempt += 1) {
            const targets = alive();
            const api = targets[(round + i + attempt) % targets.length];
            const sent = await call(api.url, '/api/v1/agent/events', {
              body: { events },
              bearer: device.token,
            }).catch(() => null);
            if (sent?.status === 200) {
              expect(sent.body.rejected).toEqual([]);
              for (const e of events) acknowledged.add(e.id);
              batches += 1;
              break;
            }
            if (attempt > 20) throw new Error(`a batch was refused 20 times: ${sent?.status}`);
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      }
    })();

    // Exports and access requests in flight.
    const exportIds: string[] = [];
    for (let i = 0; i < EXPORTS; i += 1) {
      const created = await call(apiB.url, '/api/v1/exports', {
        body: { report: 'timeline', format: 'csv', from: FIRST_DAY, to: FIRST_DAY },
        bearer: token,
      });
      expect(created.status).toBe(202);
      exportIds.push(created.body.id as string);
    }
    for (const [type, employeeId] of [
      ['access', devices[0].employeeId],
      ['access', devices[1].employeeId],
    ] as const) {
      const filed = await call(apiB.url, '/api/v1/privacy/requests', {
        body: { type, employeeId },
        bearer: token,
      });
      expect(filed.status).toBe(201);
      requests.push(filed.body.id as string);
    }

    // In the middle of it: an export is being written when one api and one worker die.
    await until(
      async () => {
        const [rows] = (await db.query(
          "SELECT COUNT(*) AS n FROM report_exports WHERE status = 'running' AND progress >= 5",
        )) as unknown as [{ n: number }[]];
        return Number(rows[0].n) > 0;
      },
      120_000,
      'an export to be running',
    );
    killed.add(apiA);
    apiA.process.kill('SIGKILL');
    workerA.child.kill('SIGKILL');
    await workerA.exited;
    // And Redis restarts empty: queued jobs, locks and schedulers are gone.
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();

    const completedOnce = async () => {
      const [exportRows] = (await db.query(
        `SELECT status FROM report_exports WHERE id IN (${exportIds.map(() => '?').join(',')})`,
        exportIds,
      )) as unknown as [{ status: string }[]];
      const [requestRows] = (await db.query(
        `SELECT status FROM privacy_requests WHERE id IN (${requests.map(() => '?').join(',')})`,
        requests,
      )) as unknown as [{ status: string }[]];
      return (
        exportRows.length === EXPORTS &&
        exportRows.every((r) => r.status === 'completed') &&
        requestRows.every((r) => r.status === 'completed')
      );
    };
    await until(completedOnce, 240_000, 'every export and privacy request to complete');
    ingesting = false;
    await ingestion;

    // Every mail (export-ready, privacy) written once: no message twice, none left behind.
    await until(
      async () => {
        const [rows] = (await db.query(
          "SELECT COUNT(*) AS n FROM mail_messages WHERE status <> 'sent'",
        )) as unknown as [{ n: number }[]];
        return Number(rows[0].n) === 0;
      },
      120_000,
      'every mail to be sent',
    );
    const [mails] = (await db.query(
      'SELECT template, COUNT(*) AS n FROM mail_messages GROUP BY template',
    )) as unknown as [{ template: string; n: number }[]];
    const byTemplate = Object.fromEntries(mails.map((m) => [m.template, Number(m.n)]));
    expect(byTemplate['export-ready']).toBe(EXPORTS);
    const sentTotal = mails.reduce((sum, m) => sum + Number(m.n), 0);
    const files = readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(sentTotal);

    // Every export ran to completion exactly once (one finished file, one completion).
    const [exportRuns] = (await db.query(
      `SELECT id, runs, rowCount, filePath FROM report_exports WHERE id IN (${exportIds
        .map(() => '?')
        .join(',')})`,
      exportIds,
    )) as unknown as [{ id: string; runs: number; rowCount: number; filePath: string }[]];
    for (const e of exportRuns) {
      expect(e.rowCount).toBe((EMPLOYEES - 1) * SEEDED_SPANS);
      expect(e.filePath).toBeTruthy();
    }
    const reruns = exportRuns.reduce((sum, e) => sum + e.runs - 1, 0);

    // The erased person is gone; the access requests each produced one archive.
    const [left] = (await db.query('SELECT COUNT(*) AS n FROM employees WHERE id = ?', [
      erased,
    ])) as unknown as [{ n: number }[]];
    expect(Number(left[0].n)).toBe(0);
    const [completedAudits] = (await db.query(
      "SELECT targetId, COUNT(*) AS n FROM audit_entries WHERE action = 'privacy.request-completed' GROUP BY targetId",
    )) as unknown as [{ targetId: string; n: number }[]];
    expect(completedAudits.map((r) => Number(r.n))).toEqual(requests.map(() => 1));

    // Every acknowledged event stored exactly once (the erased person's excepted).
    const [stored] = (await db.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT eventId) AS ids FROM activity_spans',
    )) as unknown as [{ n: number; ids: number }[]];
    const erasedEvents = SEEDED_SPANS;
    expect(Number(stored[0].n)).toBe(Number(stored[0].ids));
    expect(Number(stored[0].n)).toBe(acknowledged.size - erasedEvents);

    console.log(
      `chaos: ${apis.length} apis and ${workers.length} workers, one of each killed, Redis restarted; ` +
        `${acknowledged.size} events acknowledged (${batches} batches in flight), ${stored[0].n} stored; ` +
        `${EXPORTS} exports (runs cut and resumed: ${reruns}) and ${requests.length} privacy requests completed once; ${files.length} mails written once; ` +
        `${finished.length} sweeps in ${periods.toFixed(1)} periods across two workers`,
    );
    expect(workerB.child.exitCode).toBeNull();
  }
});
