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
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import {
  createDatabase,
  expectOk,
  fmt,
  freePort,
  httpClient,
  JWT_SECRET,
  prng,
  setUpOrganization,
  sleep,
  spawnNode,
  uploadSpans,
  waitHealthy,
  waitUntil,
} from './support.mjs';

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
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'calltimex_bench_export';
const PREFIX = `ctx-bench-export-${randomUUID().slice(0, 8)}`;
const TARGET_MB = 300;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Europe/Kyiv'];
const APPS = ['Code', 'Slack', 'Outlook', 'Excel', 'Word', 'Terminal', 'Figma', 'Zoom', 'Steam'];

/** Resident memory of a process from /proc: now and the peak since it started (kB → MB). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const { send } = httpClient();

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

const addDays = (day, n) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function main() {
  console.log(
    `export benchmark (server mode: api + worker processes, MariaDB + Redis): ${EMPLOYEES} employees × ${DAYS} days × ${SPANS_PER_DAY} spans; formats ${FORMATS.join(', ')}; ${cpus().length} CPUs, node ${process.version}`,
  );
  const database = await createDatabase(DB_NAME);
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-export-'));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '16',
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  };
  const port = await freePort();
  const healthPort = await freePort();
  const api = spawnNode(join('dist', 'main.js'), { ...env, PORT: String(port) });
  let worker = null;
  const db = await mysql.createConnection(database.url);
  const errors = [];
  try {
    await waitHealthy(`http://127.0.0.1:${port}/api/v1/health`, api, 'api');
    worker = spawnNode(join('dist', 'worker.js'), {
      ...env,
      WORKER_HEALTH_PORT: String(healthPort),
      WORKER_CONCURRENCY: '4',
    });
    await waitHealthy(`http://127.0.0.1:${healthPort}/health`, worker, 'worker');

    const { token, teams, employees, setupSeconds } = await setUpOrganization(send, port, {
      employees: EMPLOYEES,
      teamSize: TEAM_SIZE,
      zones: ZONES,
      concurrency: CONCURRENCY,
    });
    console.log(`  setup: ${EMPLOYEES} employees and devices in ${setupSeconds.toFixed(1)} s`);

    const lastDay = addDays(new Date().toISOString().slice(0, 10), -2);
    const firstDay = addDays(lastDay, -(DAYS - 1));
    const firstDayMs = Date.parse(`${firstDay}T00:00:00Z`);
    const started = performance.now();
    const accepted = await uploadSpans(send, port, {
      employees,
      spansOf: (i) => employeeSpans(i, firstDayMs),
      batchSize: BATCH_SIZE,
      concurrency: CONCURRENCY,
      check: (res, batchLength) => {
        if (res.accepted !== batchLength && errors.length < 5)
          errors.push(`batch: ${JSON.stringify(res).slice(0, 300)}`);
        if (res.rejected.length > 0 && errors.length < 5)
          errors.push(`rejected: ${JSON.stringify(res.rejected.slice(0, 2))}`);
      },
    });
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(
      `  load: ${fmt(accepted)} spans via POST /api/v1/agent/events in ${loadSeconds.toFixed(1)} s`,
    );
    await waitUntil(async () => {
      const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM activity_dirty_days');
      return Number(n) === 0;
    }, 500);
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
        await sleep(100);
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
    await database.drop();
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
