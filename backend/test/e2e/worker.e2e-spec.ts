import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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

// Server mode as deployed: the api and the worker are two processes on MariaDB and Redis.
const MYSQL_ROOT = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test').replace(
  /\/[^/]*$/,
  '',
);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = `calltimex_e2e_worker_${process.env.JEST_WORKER_ID ?? '1'}`;
const EMPLOYEES = 120;
const DAYS = 10;
const SPANS_PER_DAY = 25;
const FIRST_DAY = '2026-02-02';

describe('worker process in server mode', () => {
  let admin: Connection;
  let db: Connection;
  let api: RunningServer;
  const workers: WorkerProcess[] = [];
  let env: Record<string, string>;
  let token = '';
  let organizationId = '';

  const call = async (
    path: string,
    init: { method?: string; body?: unknown; gzip?: boolean; bearer?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const bearer = init.bearer ?? token;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let body: string | Buffer | undefined =
      init.body === undefined ? undefined : JSON.stringify(init.body);
    if (init.gzip && body) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    const res = await fetch(`${api.url}${path}`, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      // Test assertions read the JSON bodies as they come.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      body: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, any>,
    };
  };

  beforeAll(async () => {
    admin = await createConnection(`${MYSQL_ROOT}/mysql`);
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.query(
      `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    env = {
      DATABASE_URL: `${MYSQL_ROOT}/${DB_NAME}`,
      REDIS_URL,
      JWT_SECRET: 'e2e-worker-secret-e2e-worker-secret-0123456789',
      QUEUE_PREFIX: `ctx-e2e-${randomUUID().slice(0, 8)}`,
      JOB_LOCK_SECONDS: '3',
      WORKER_SHUTDOWN_GRACE_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    };
    api = await startServer(env);
    env.DATA_DIR = api.dataDir;
    db = await createConnection(`${MYSQL_ROOT}/${DB_NAME}`);

    const owner = await call('/api/v1/auth/signup', {
      body: {
        organizationName: 'Worker Org',
        fullName: 'Wanda Worker',
        email: 'wanda@worker.test',
        password: 'worker-e2e-password-42',
      },
    });
    expect(owner.status).toBe(201);
    token = owner.body.accessToken as string;
    organizationId = (owner.body.organization as { id: string }).id;
    const enrollment = await call('/api/v1/agent/enrollment-tokens', { body: {} });
    const start = Date.parse(`${FIRST_DAY}T08:00:00Z`);
    for (let i = 0; i < EMPLOYEES; i += 1) {
      const email = `e${i}@worker.test`;
      expect(
        (
          await call('/api/v1/employees', {
            body: { fullName: `Employee ${String(i).padStart(3, '0')}`, email },
          })
        ).status,
      ).toBe(201);
      const device = await call('/api/v1/agent/enroll', {
        bearer: '',
        body: {
          enrollmentToken: enrollment.body.token,
          employeeEmail: email,
          hostname: `ws-${i}`,
          os: 'Linux',
          agentVersion: 'e2e',
        },
      });
      const events = [];
      for (let d = 0; d < DAYS; d += 1) {
        for (let s = 0; s < SPANS_PER_DAY; s += 1) {
          const t = start + d * 86_400_000 + s * 120_000;
          events.push({
            id: randomUUID(),
            kind: 'active',
            start: new Date(t).toISOString(),
            end: new Date(t + 60_000).toISOString(),
            app: 'Code',
            title: `=doc ${s}`,
          });
        }
      }
      const sent = await call('/api/v1/agent/events', {
        bearer: device.body.deviceToken as string,
        body: { events },
        gzip: true,
      });
      expect(sent.body.accepted).toBe(DAYS * SPANS_PER_DAY);
    }
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await api?.stop();
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin?.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses to start without Redis: embedded mode runs jobs in the api', async () => {
    const lone = startWorker({ DATA_DIR: api.dataDir }, await freePort());
    expect(await lone.exited).toBe(1);
    expect(lone.logs()).toContain('REDIS_URL');
  });

  it('an export survives SIGTERM (released) and SIGKILL (lease expires) and completes exactly once', async () => {
    const created = await call('/api/v1/exports', {
      body: { report: 'timeline', format: 'csv', from: FIRST_DAY, to: '2026-02-11' },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const status = async () => (await call(`/api/v1/exports/${id}`)).body;
    // Nothing runs it while no worker is up: the api only enqueues.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await status()).toMatchObject({ status: 'queued', progress: 0 });

    const first = startWorker(env, await freePort());
    workers.push(first);
    await until(
      async () =>
        await fetch(`http://127.0.0.1:${first.healthPort}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
      'worker health',
    );
    const seen = new Set<number>();
    await until(
      async () => {
        const s = await status();
        seen.add(s.progress as number);
        return s.status === 'running' && (s.progress as number) >= 5 && s;
      },
      60_000,
      'first worker to make progress',
    );

    // Graceful: SIGTERM, 1 s grace, then the job goes back to the queue without costing an attempt.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect((await status()).status).not.toBe('completed');

    const second = startWorker(env, await freePort());
    workers.push(second);
    // The second run has claimed it (runs = 2) and written part of it again.
    await until(
      async () => {
        const [[r]] = (await db.query(
          'SELECT runs, progress, status FROM report_exports WHERE id = ?',
          [id],
        )) as unknown as [{ runs: number; progress: number; status: string }[]];
        seen.add(r.progress);
        return r.runs === 2 && r.status === 'running' && r.progress >= 5;
      },
      60_000,
      'second worker to make progress',
    );
    second.child.kill('SIGKILL');
    await second.exited;

    const third = startWorker(env, await freePort());
    workers.push(third);
    const done = await until(
      async () => {
        const s = await status();
        seen.add(s.progress as number);
        return s.status === 'completed' && s;
      },
      120_000,
      'export to complete after the kill',
    );
    expect(done).toMatchObject({ progress: 100, rowCount: EMPLOYEES * DAYS * SPANS_PER_DAY });
    expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);

    const [[row]] = (await db.query('SELECT runs, completedAt FROM report_exports WHERE id = ?', [
      id,
    ])) as unknown as [{ runs: number }[]];
    expect(row.runs).toBe(3);
    const [mails] = (await db.query(
      "SELECT status FROM mail_messages WHERE template = 'export-ready'",
    )) as unknown as [{ status: string }[]];
    expect(mails).toHaveLength(1);
    await until(
      async () => {
        const [m] = (await db.query(
          "SELECT status FROM mail_messages WHERE template = 'export-ready'",
        )) as unknown as [{ status: string }[]];
        return m[0]?.status === 'sent';
      },
      30_000,
      'export-ready mail',
    );
    const outbox = readdirSync(join(api.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(outbox).toHaveLength(1);

    const file = await fetch(`${api.url}${done.downloadUrl as string}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(file.status).toBe(200);
    const lines = (await file.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + EMPLOYEES * DAYS * SPANS_PER_DAY);
    expect(lines[1]).toContain("'=doc 0");
    // The killed run's half-written file is left for the purge; the finished file is in place.
    const dir = join(api.dataDir, 'files', 'exports', organizationId);
    expect(existsSync(join(dir, `${id}.csv`))).toBe(true);
    expect(third.logs()).toContain('export completed');
    // A 30,000-row export streams: the worker's peak resident memory stays well under 300 MB.
    const procStatus = readFileSync(`/proc/${third.child.pid}/status`, 'utf8');
    const peakKb = Number(/^VmHWM:\s+(\d+)/m.exec(procStatus)?.[1] ?? Number.NaN);
    expect(peakKb / 1024).toBeLessThan(300);
  });
});
