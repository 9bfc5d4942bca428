// Export benchmark, server mode: the api (dist/main.js) and a separate worker (dist/worker.js) on
// MariaDB + Redis. Loads BENCH_EMPLOYEES employees × BENCH_DAYS days through the real ingestion
// path, waits for the rollups, then asks the api for a 30-day summary export per format and
// prints the progress the api reports along the way and the worker's peak resident memory
// (VmHWM from /proc; target < 300 MB); then the timeline of one team of 100 (60,000 rows).
//
//   npm run bench:export            (root or backend; builds first)
//   BENCH_EMPLOYEES=1000 BENCH_DAYS=30 BENCH_SPANS_PER_DAY=20 BENCH_FORMATS=xlsx,csv,pdf
//   BENCH_TIMELINE_FORMATS=csv,xlsx (empty: no timeline)
//   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306 BENCH_REDIS_URL=redis://127.0.0.1:6379
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';

const BACKEND_DIR = fileURLToPath(new URL('..', import.meta.url));
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const SPANS_PER_DAY = Number(process.env.BENCH_SPANS_PER_DAY ?? 20);
const FORMATS = (process.env.BENCH_FORMATS ?? 'xlsx,csv,pdf').split(',');
const TEAM_SIZE = 100;
// The timeline of one team (TEAM_SIZE × DAYS × SPANS_PER_DAY rows: 60,000 by default), in these formats.
const TIMELINE_FORMATS = (process.env.BENCH_TIMELINE_FORMATS ?? 'csv,xlsx')
  .split(',')
  .filter(Boolean);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH_SIZE = 1000;
const MYSQL_URL = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'calltimex_bench_export';
const PREFIX = `ctx-bench-export-${randomUUID().slice(0, 8)}`;
const PASSWORD = 'bench-password-123456';
const TARGET_MB = 300;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Europe/Kyiv'];
const APPS = ['Code', 'Slack', 'Outlook', 'Excel', 'Word', 'Terminal', 'Figma', 'Zoom', 'Steam'];

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

function spawnNode(script, env) {
  let output = '';
  const child = spawn(process.execPath, [join(BACKEND_DIR, 'dist', script)], {
    cwd: BACKEND_DIR,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', BILLING_FREE_SEATS: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output = (output + d).slice(-50_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-50_000)));
  return {
    child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitHealthy(url, proc, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited:\n${proc.logs()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what} not healthy in 60 s:\n${proc.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Resident memory of a process from /proc: now and the peak since it started (kB → MB). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(port, path, { method = 'POST', token, body, gzip = false } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    const payload =
      body === undefined
        ? undefined
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body));
    if (payload) headers['Content-Length'] = String(payload.length);
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        let json;
        try {
          json = JSON.parse(buffer.toString());
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, body: json, bytes: buffer.length });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function expectOk(promise, status, what) {
  const res = await promise;
  if (res.status !== status)
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function employeeSpans(index, firstDayMs) {
  const rnd = prng(index + 1);
  const events = [];
  for (let d = 0; d < DAYS; d++) {
    let t = firstDayMs + d * 86_400_000 + (7 + Math.floor(rnd() * 3)) * 3_600_000;
    for (let i = 0; i < SPANS_PER_DAY; i++) {
      const length = (120 + Math.floor(rnd() * 900)) * 1000;
      const idle = rnd() < 0.1;
      events.push({
        id: randomUUID(),
        kind: idle ? 'idle' : 'active',
        start: new Date(t).toISOString(),
        end: new Date(t + length).toISOString(),
        ...(idle ? {} : { app: APPS[Math.floor(rnd() * APPS.length)], title: `Document ${i}` }),
      });
      t += length + Math.floor(rnd() * 300) * 1000;
    }
  }
  return events;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const addDays = (day, n) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function main() {
  console.log(
    `export benchmark (server mode: api + worker processes, MariaDB + Redis): ${EMPLOYEES} employees × ${DAYS} days × ${SPANS_PER_DAY} spans; formats ${FORMATS.join(', ')}; ${cpus().length} CPUs, node ${process.version}`,
  );
  const admin = await mysql.createConnection(`${MYSQL_URL}/mysql`);
  await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  await admin.query(
    `CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-export-'));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: `${MYSQL_URL}/${DB_NAME}`,
    DATABASE_POOL_SIZE: '16',
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  };
  const port = await freePort();
  const healthPort = await freePort();
  const api = spawnNode('main.js', { ...env, PORT: String(port) });
  let worker = null;
  const db = await mysql.createConnection(`${MYSQL_URL}/${DB_NAME}`);
  const errors = [];
  try {
    await waitHealthy(`http://127.0.0.1:${port}/api/v1/health`, api, 'api');
    worker = spawnNode('worker.js', {
      ...env,
      WORKER_HEALTH_PORT: String(healthPort),
      WORKER_CONCURRENCY: '4',
    });
    await waitHealthy(`http://127.0.0.1:${healthPort}/health`, worker, 'worker');

    const owner = await expectOk(
      send(port, '/api/v1/auth/signup', {
        body: {
          organizationName: 'Bench Org',
          fullName: 'Bench Owner',
          email: `owner-${randomUUID().slice(0, 8)}@bench.test`,
          password: PASSWORD,
        },
      }),
      201,
      'signup',
    );
    const token = owner.accessToken;
    const teams = [];
    for (let t = 0; t < Math.ceil(EMPLOYEES / TEAM_SIZE); t++) {
      teams.push(
        (
          await expectOk(
            send(port, '/api/v1/teams', { token, body: { name: `Team ${t}` } }),
            201,
            'team',
          )
        ).id,
      );
    }
    const { token: enrollmentToken } = await expectOk(
      send(port, '/api/v1/agent/enrollment-tokens', { token, body: {} }),
      201,
      'enrollment token',
    );
    const employees = new Array(EMPLOYEES);
    let started = performance.now();
    await pool([...Array(EMPLOYEES).keys()], CONCURRENCY, async (i) => {
      const employeeEmail = `bench-${i}-${randomUUID().slice(0, 6)}@bench.test`;
      await expectOk(
        send(port, '/api/v1/employees', {
          token,
          body: {
            fullName: `Bench Employee ${String(i).padStart(4, '0')}`,
            email: employeeEmail,
            teamId: teams[Math.floor(i / TEAM_SIZE)],
            timeZone: ZONES[i % ZONES.length],
          },
        }),
        201,
        'employee',
      );
      const { deviceToken } = await expectOk(
        send(port, '/api/v1/agent/enroll', {
          body: {
            enrollmentToken,
            employeeEmail,
            hostname: `ws-${i}`,
            os: 'Linux',
            agentVersion: 'bench',
          },
        }),
        201,
        'enroll',
      );
      employees[i] = { deviceToken };
    });
    console.log(
      `  setup: ${EMPLOYEES} employees and devices in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const lastDay = addDays(new Date().toISOString().slice(0, 10), -2);
    const firstDay = addDays(lastDay, -(DAYS - 1));
    const firstDayMs = Date.parse(`${firstDay}T00:00:00Z`);
    let accepted = 0;
    started = performance.now();
    await pool(employees, CONCURRENCY, async (e, i) => {
      const events = employeeSpans(i, firstDayMs);
      for (let b = 0; b < events.length; b += BATCH_SIZE) {
        const gz = gzipSync(JSON.stringify({ events: events.slice(b, b + BATCH_SIZE) }));
        const res = await expectOk(
          send(port, '/api/v1/agent/events', { token: e.deviceToken, body: gz, gzip: true }),
          200,
          'events',
        );
        accepted += res.accepted;
        if (res.accepted !== Math.min(BATCH_SIZE, events.length - b) && errors.length < 5)
          errors.push(`batch: ${JSON.stringify(res).slice(0, 300)}`);
        if (res.rejected.length > 0 && errors.length < 5)
          errors.push(`rejected: ${JSON.stringify(res.rejected.slice(0, 2))}`);
      }
    });
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(
      `  load: ${fmt(accepted)} spans via POST /api/v1/agent/events in ${loadSeconds.toFixed(1)} s`,
    );
    for (;;) {
      const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM activity_dirty_days');
      if (Number(n) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(
      `  rollups caught up ${((performance.now() - started) / 1000 - loadSeconds).toFixed(1)} s after the load`,
    );

    const pid = worker.child.pid;
    const results = [];
    const runs = [
      ...FORMATS.map((format) => ({
        format,
        report: 'summary',
        filters: {},
        label: `${DAYS}-day summary of ${EMPLOYEES} employees`,
      })),
      ...TIMELINE_FORMATS.map((format) => ({
        format,
        report: 'timeline',
        filters: { teamId: teams[0] },
        label: `${DAYS}-day timeline of one team (${Math.min(TEAM_SIZE, EMPLOYEES)} employees)`,
      })),
    ];
    for (const { format, report, filters, label } of runs) {
      const before = memoryOf(pid);
      console.log(
        `\n  [${report} ${format}] ${label}; worker RSS before ${before.rssMb.toFixed(0)} MB`,
      );
      const t0 = performance.now();
      const created = await expectOk(
        send(port, '/api/v1/exports', {
          token,
          body: { report, format, from: firstDay, to: lastDay, filters },
        }),
        202,
        'create export',
      );
      let last = null;
      let maxRss = before.rssMb;
      const progressSeen = new Set();
      let done;
      for (;;) {
        const s = await expectOk(
          send(port, `/api/v1/exports/${created.id}`, { method: 'GET', token }),
          200,
          'export status',
        );
        const mem = memoryOf(pid);
        maxRss = Math.max(maxRss, mem.rssMb);
        progressSeen.add(s.progress);
        const line = `${s.status} ${s.progress}`;
        if (line !== last) {
          console.log(
            `    ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s  ${s.status.padEnd(9)} ${String(s.progress).padStart(3)} %  rows ${String(s.rowCount).padStart(5)}  worker RSS ${mem.rssMb.toFixed(0)} MB`,
          );
          last = line;
        }
        if (s.status === 'completed' || s.status === 'failed') {
          done = s;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const seconds = (performance.now() - t0) / 1000;
      if (done.status !== 'completed') {
        errors.push(`${report} ${format}: ${done.error}`);
        continue;
      }
      const file = await send(port, done.downloadUrl, { method: 'GET', token });
      if (file.status !== 200) errors.push(`${format}: download ${file.status}`);
      const after = memoryOf(pid);
      const intermediate = [...progressSeen].filter((p) => p > 0 && p < 100).length;
      results.push({
        name: `${report} ${format}`,
        seconds,
        rows: done.rowCount,
        bytes: file.bytes,
        peakMb: after.peakMb,
        maxRss,
        intermediate,
      });
      console.log(
        `    done in ${seconds.toFixed(2)} s: ${fmt(done.rowCount)} rows, ${fmt(file.bytes / 1024)} KB; ${intermediate} intermediate progress values seen; worker peak RSS so far ${after.peakMb.toFixed(0)} MB`,
      );
    }
    const peak = memoryOf(pid).peakMb;
    console.log(
      `\n  worker peak RSS (VmHWM, whole run incl. start-up): ${peak.toFixed(0)} MB (target < ${TARGET_MB} MB${peak < TARGET_MB ? '' : ' — MISSED'})`,
    );
    for (const r of results) {
      console.log(
        `  ${r.name.padEnd(14)} ${r.seconds.toFixed(2).padStart(7)} s  ${fmt(r.rows).padStart(7)} rows  ${fmt(r.bytes / 1024).padStart(7)} KB  sampled max RSS ${r.maxRss.toFixed(0)} MB`,
      );
    }
    console.log(`  errors: ${errors.length}${errors.length ? `: ${errors.join(' | ')}` : ''}`);
    if (errors.length > 0 || peak >= TARGET_MB) process.exitCode = 1;
  } finally {
    await worker?.stop();
    await api.stop();
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
