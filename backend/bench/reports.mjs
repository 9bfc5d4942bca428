// Reports benchmark: loads 1,000 employees × 30 days × 100 spans (3 M spans) into the built server
// (dist/main.js) through the real ingestion path (enrolled devices, POST /api/v1/agent/events,
// gzip, batches of 500), waits until the rollups have caught up, then times the report endpoints
// over HTTP, a rule change until the next summary shows it, and — as the baseline — the same
// team summary and employee usage answered from raw spans, in the same run.
//
//   npm run bench:reports           (root or backend; builds first)
//   BENCH_DB=mariadb,sqlite BENCH_EMPLOYEES=1000 BENCH_DAYS=30 BENCH_SPANS_PER_DAY=100 BENCH_RUNS=30
//   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306 BENCH_REDIS_URL=redis://127.0.0.1:6379
//   BENCH_KEEP=1 keeps the MariaDB database (calltimex_bench_reports) for a look afterwards
//   BENCH_WORKER=0: on MariaDB, no worker process (the api runs the jobs itself, without Redis)
//
// On MariaDB the api and a worker run as separate processes on Redis, as a server installation
// does: the background rollup passes run in the worker. SQLite is the embedded installation: one
// process runs everything.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import {
  BACKEND_DIR,
  createDatabase,
  expectOk,
  fmt,
  freePort,
  httpClient,
  JWT_SECRET,
  percentile,
  REPORT_ZONES as ZONES,
  reportSpans,
  setUpOrganization,
  spawnNode,
  startServer,
  uploadSpans,
  waitHealthy,
  waitUntil,
} from './support.mjs';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const SPANS_PER_DAY = Number(process.env.BENCH_SPANS_PER_DAY ?? 100);
const TEAM_SIZE = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH_SIZE = 500;
const DBS = (process.env.BENCH_DB ?? 'mariadb,sqlite').split(',');
const BENCH_DB_NAME = 'calltimex_bench_reports';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WITH_WORKER = process.env.BENCH_WORKER !== '0';
const TARGETS = { orgSummary: 300, teamSummary: 100, usage: 50, timeline: 50, ruleChange: 2000 };

// BENCH_DIST: another build of the server (e.g. of a commit) instead of ./dist.
const DIST_DIR = process.env.BENCH_DIST
  ? resolve(process.env.BENCH_DIST)
  : join(BACKEND_DIR, 'dist');
const dist = (p) => pathToFileURL(join(DIST_DIR, p)).href;
const { activeSegments } = await import(dist('modules/activity/counting/segments.js'));
const { unionIntervals, subtractIntervals, totalLength, clipIntervals } = await import(
  dist('modules/activity/counting/intervals.js')
);
const { localDayBounds, addDays } = await import(dist('modules/activity/counting/time-zone.js'));

// Every request here is safe to repeat (events are idempotent by id): one whose keep-alive socket
// was reset is sent again.
const client = httpClient({ attempts: 3 });
const { send } = client;

async function timed(runs, fn) {
  const times = [];
  await fn(0); // warm-up
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i + 1);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The reference: the team's summary from raw spans (the union per employee, split at local midnights). */
function summaryFromRaw(spansByEmployee, zoneOf, from, to) {
  const rows = [];
  for (const [employeeId, spans] of spansByEmployee) {
    const tz = zoneOf.get(employeeId);
    const windowStart = localDayBounds(tz, from).startMs;
    const windowEnd = localDayBounds(tz, to).endMs;
    const active = clipIntervals(
      unionIntervals(activeSegments(spans).map((s) => [s.startMs, s.endMs])),
      windowStart,
      windowEnd,
    );
    const idle = clipIntervals(
      subtractIntervals(
        unionIntervals(spans.filter((s) => s.kind === 'idle').map((s) => [s.startMs, s.endMs])),
        unionIntervals(active),
      ),
      windowStart,
      windowEnd,
    );
    rows.push({
      employeeId,
      activeSeconds: Math.round(totalLength(active) / 1000),
      idleSeconds: Math.round(totalLength(idle) / 1000),
    });
  }
  return rows;
}

async function benchDatabase(db) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-reports-'));
  let query;
  let closeQuery = async () => undefined;
  const database = db === 'mariadb' ? await createDatabase(BENCH_DB_NAME) : null;
  const queuePrefix =
    database && WITH_WORKER ? `ctx-bench-reports-${randomUUID().slice(0, 8)}` : null;
  const env = {
    JWT_SECRET,
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '16' } : {}),
    ...(queuePrefix ? { REDIS_URL, QUEUE_PREFIX: queuePrefix } : {}),
  };
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
  const server = await startServer({ script: join(DIST_DIR, 'main.js'), env, dataDir, nodeArgs });
  let worker = null;
  if (queuePrefix) {
    const healthPort = await freePort();
    worker = spawnNode(
      join(DIST_DIR, 'worker.js'),
      { ...env, DATA_DIR: dataDir, WORKER_HEALTH_PORT: String(healthPort) },
      { nodeArgs },
    );
    await waitHealthy(`http://127.0.0.1:${healthPort}/health`, worker, 'worker');
  }
  if (database) {
    const p = mysql.createPool({
      uri: database.url,
      connectionLimit: 2,
      supportBigNumbers: true,
    });
    query = async (sql, values) => (await p.query(sql, values))[0];
    closeQuery = () => p.end();
  } else {
    const sqlite = new Database(join(dataDir, 'calltimex.sqlite'), { readonly: true });
    sqlite.pragma('busy_timeout = 5000');
    query = async (sql, values = []) => sqlite.prepare(sql).all(...values);
    closeQuery = async () => sqlite.close();
  }
  const port = server.port;
  const result = { db, errors: [] };
  try {
    // ---- organization, teams, employees, devices
    const { token, teams, employees, setupSeconds } = await setUpOrganization(send, port, {
      employees: EMPLOYEES,
      teamSize: TEAM_SIZE,
      zones: ZONES,
      concurrency: CONCURRENCY,
    });
    result.setupSeconds = setupSeconds;

    // ---- 3 M spans through POST /api/v1/agent/events
    const today = new Date().toISOString().slice(0, 10);
    const lastDay = addDays(today, -2);
    const firstDay = addDays(lastDay, -(DAYS - 1));
    const firstDayMs = Date.parse(`${firstDay}T00:00:00Z`);
    const loadStarted = performance.now();
    const accepted = await uploadSpans(send, port, {
      employees,
      spansOf: (i) => reportSpans(i, firstDayMs, { days: DAYS, spansPerDay: SPANS_PER_DAY }),
      batchSize: BATCH_SIZE,
      concurrency: CONCURRENCY,
      check: (res) => {
        if (res.rejected.length > 0)
          result.errors.push(`rejected ${JSON.stringify(res.rejected.slice(0, 2))}`);
      },
    });
    result.loadSeconds = (performance.now() - loadStarted) / 1000;
    result.accepted = accepted;
    if (accepted !== EMPLOYEES * DAYS * SPANS_PER_DAY)
      result.errors.push(`accepted ${accepted} of ${EMPLOYEES * DAYS * SPANS_PER_DAY}`);

    // ---- the background rollups catch up
    await waitUntil(async () => {
      const [{ n }] = await query('SELECT COUNT(*) AS n FROM activity_dirty_days');
      return Number(n) === 0;
    }, 500);
    result.catchUpSeconds = (performance.now() - loadStarted) / 1000 - result.loadSeconds;

    // ---- reports
    const from = addDays(firstDay, 0);
    const to = lastDay;
    const teamIndex = Math.min(3, teams.length - 1);
    const team = teams[teamIndex];
    const teamMembers = employees.slice(teamIndex * TEAM_SIZE, (teamIndex + 1) * TEAM_SIZE);
    const get = (path) => expectOk(send(port, path, { method: 'GET', token }), 200, path);
    const summary = await get(`/api/v1/reports/summary?from=${from}&to=${to}`);
    if (summary.rows.length !== EMPLOYEES)
      result.errors.push(`summary has ${summary.rows.length} rows`);
    result.orgSummary = await timed(RUNS, () =>
      get(`/api/v1/reports/summary?from=${from}&to=${to}`),
    );
    result.teamSummary = await timed(RUNS, () =>
      get(`/api/v1/reports/summary?from=${from}&to=${to}&teamId=${team}`),
    );
    result.usage = await timed(RUNS, (i) =>
      get(
        `/api/v1/reports/usage?from=${from}&to=${to}&employeeId=${employees[(i * 37) % EMPLOYEES].id}`,
      ),
    );
    result.timeline = await timed(RUNS, (i) =>
      get(
        `/api/v1/reports/timeline?employeeId=${employees[(i * 53) % EMPLOYEES].id}&day=${addDays(from, i % DAYS)}`,
      ),
    );

    // ---- baseline: the same team summary and usage from raw spans, in this run
    const rawTeam = await timed(Math.min(RUNS, 5), async () => {
      const byEmployee = new Map();
      for (const m of teamMembers) {
        const rows = await query(
          'SELECT kind, startMs, endMs, keyId FROM activity_spans WHERE employeeId = ? AND startMs >= ? AND startMs < ?',
          [m.id, firstDayMs - 2 * 86_400_000, firstDayMs + (DAYS + 2) * 86_400_000],
        );
        byEmployee.set(
          m.id,
          rows.map((r) => ({
            kind: r.kind,
            startMs: Number(r.startMs),
            endMs: Number(r.endMs),
            keyId: r.keyId,
          })),
        );
      }
      return summaryFromRaw(
        byEmployee,
        new Map(teamMembers.map((m) => [m.id, m.timeZone])),
        from,
        to,
      );
    });
    result.rawTeamSummary = rawTeam;
    const check = summaryFromRaw(
      new Map(
        await Promise.all(
          teamMembers.slice(0, 5).map(async (m) => [
            m.id,
            (
              await query(
                'SELECT kind, startMs, endMs, keyId FROM activity_spans WHERE employeeId = ?',
                [m.id],
              )
            ).map((r) => ({
              kind: r.kind,
              startMs: Number(r.startMs),
              endMs: Number(r.endMs),
              keyId: r.keyId,
            })),
          ]),
        ),
      ),
      new Map(teamMembers.map((m) => [m.id, m.timeZone])),
      from,
      to,
    );
    const byId = new Map(summary.rows.map((r) => [r.employeeId, r]));
    for (const c of check) {
      const r = byId.get(c.employeeId);
      if (!r || r.activeSeconds !== c.activeSeconds || r.idleSeconds !== c.idleSeconds)
        result.errors.push(`rollup differs from raw for ${c.employeeId}`);
    }

    // ---- a rule change shows in the next report
    const before = summary.rows.reduce((a, r) => a + r.unproductiveSeconds, 0);
    const t0 = performance.now();
    await expectOk(
      send(port, '/api/v1/productivity-rules', {
        token,
        body: { kind: 'app', pattern: 'Code', productivity: 'unproductive' },
      }),
      201,
      'rule',
    );
    const after = await get(`/api/v1/reports/summary?from=${from}&to=${to}`);
    result.ruleChangeMs = performance.now() - t0;
    const afterUnproductive = after.rows.reduce((a, r) => a + r.unproductiveSeconds, 0);
    if (afterUnproductive <= before) result.errors.push('rule change not reflected');
    for (const r of after.rows) {
      if (r.productiveSeconds + r.neutralSeconds + r.unproductiveSeconds !== r.activeSeconds)
        result.errors.push(`classes do not add up for ${r.employeeId}`);
    }
    // Then the background refresh of the cached split; the summary is back to its usual speed.
    const refreshStarted = performance.now();
    await waitUntil(async () => {
      const [{ n }] = await query(
        'SELECT COUNT(*) AS n FROM activity_day_totals t JOIN productivity_rule_sets s ON s.organizationId = t.organizationId WHERE t.classRevision <> s.revision',
      );
      return Number(n) === 0;
    }, 100);
    result.refreshSeconds = (performance.now() - refreshStarted) / 1000;
    result.orgSummaryAfterRule = await timed(Math.min(RUNS, 10), () =>
      get(`/api/v1/reports/summary?from=${from}&to=${to}`),
    );
    const [{ n: spanRows }] = await query('SELECT COUNT(*) AS n FROM activity_spans');
    const [{ n: keysetRows }] = await query('SELECT COUNT(*) AS n FROM activity_day_keysets');
    const [{ n: totalRows }] = await query('SELECT COUNT(*) AS n FROM activity_day_totals');
    Object.assign(result, {
      spanRows: Number(spanRows),
      keysetRows: Number(keysetRows),
      totalRows: Number(totalRows),
    });
    return result;
  } finally {
    if (process.env.BENCH_SERVER_LOGS) console.log(server.logs());
    await closeQuery();
    await worker?.stop();
    await server.stop();
    if (queuePrefix) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${queuePrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP) console.log(`kept database ${BENCH_DB_NAME}`);
    else await database?.drop();
  }
}

console.log(
  `reports benchmark: ${EMPLOYEES} employees × ${DAYS} days × ${SPANS_PER_DAY} spans, teams of ${TEAM_SIZE}, ${RUNS} runs each; ${cpus().length} CPUs, node ${process.version}`,
);
const results = [];
for (const db of DBS) {
  const r = await benchDatabase(db);
  results.push(r);
  const factor = db === 'sqlite' ? 2 : 1;
  const line = (name, t, target) =>
    console.log(
      `  ${name.padEnd(34)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  (target p95 ≤ ${target * factor} ms${t.p95 <= target * factor ? '' : ' — MISSED'})`,
    );
  console.log(
    `\n[${db}]${db === 'mariadb' ? (WITH_WORKER ? ' api + worker on Redis' : ' api alone, jobs in process') : ''}`,
  );
  console.log(
    `  load: ${fmt(r.accepted)} spans via POST /agent/events in ${r.loadSeconds.toFixed(1)} s (${fmt(r.accepted / r.loadSeconds)} spans/s); rollups caught up ${r.catchUpSeconds.toFixed(1)} s later`,
  );
  console.log(
    `  rows: ${fmt(r.spanRows)} spans → ${fmt(r.totalRows)} day totals, ${fmt(r.keysetRows)} day keysets`,
  );
  line('summary, organization, 30 days', r.orgSummary, TARGETS.orgSummary);
  line('summary, one 50-person team', r.teamSummary, TARGETS.teamSummary);
  line('usage, one employee, 30 days', r.usage, TARGETS.usage);
  line('timeline, one employee-day', r.timeline, TARGETS.timeline);
  console.log(
    `  baseline: team summary from raw spans  p50 ${r.rawTeamSummary.p50.toFixed(1)} ms  p95 ${r.rawTeamSummary.p95.toFixed(1)} ms  → rollups are ${(r.rawTeamSummary.p50 / r.teamSummary.p50).toFixed(1)}× faster (p50)`,
  );
  console.log(
    `  rule change → next organization summary: ${r.ruleChangeMs.toFixed(0)} ms (target ≤ ${TARGETS.ruleChange} ms${r.ruleChangeMs <= TARGETS.ruleChange ? '' : ' — MISSED'}); cached split refreshed ${r.refreshSeconds.toFixed(1)} s later`,
  );
  line('summary, organization, after refresh', r.orgSummaryAfterRule, TARGETS.orgSummary);
  console.log(
    `  errors: ${r.errors.length}${r.errors.length ? `: ${r.errors.slice(0, 5).join(' | ')}` : ''}`,
  );
}
client.destroy();
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
