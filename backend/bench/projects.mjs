// Projects benchmark: the bench:reports data set (employees × days × spans through the real
// ingestion path), 50 projects and 200 allocation rules (title, site and application rules), then
// over HTTP: hours by project for the whole organization over 30 days, one employee's week, and
// the time from a rule change until the report shows it. Baseline, in the same run: the same
// organization report computed from raw spans (read from the database, allocated by the same
// engine, no caches), with the ratio.
//
//   npm run bench:projects -w backend      (builds first)
//   BENCH_DB=mariadb,sqlite BENCH_EMPLOYEES=1000 BENCH_DAYS=30 BENCH_SPANS_PER_DAY=100 BENCH_RUNS=30
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import {
  BACKEND_DIR,
  createDatabase,
  expectOk,
  fmt,
  httpClient,
  JWT_SECRET,
  percentile,
  REPORT_ZONES as ZONES,
  reportSpans,
  setUpOrganization,
  startServer,
  uploadSpans,
  waitUntil,
} from './support.mjs';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const SPANS_PER_DAY = Number(process.env.BENCH_SPANS_PER_DAY ?? 100);
const TEAM_SIZE = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PROJECTS = 50;
const RULES = 200;
const DBS = (process.env.BENCH_DB ?? 'mariadb').split(',');
const TARGETS = { orgReport: 300, week: 50, ruleChange: 2000 };

const dist = (p) => pathToFileURL(join(BACKEND_DIR, 'dist', p)).href;
const { AllocationBook } = await import(dist('modules/projects/allocation/allocation-book.js'));
const { shapeDay, allocateShape, hostOf } = await import(
  dist('modules/projects/allocation/day-allocation.js')
);
const { localDayBounds, addDays } = await import(dist('modules/activity/counting/time-zone.js'));

const client = httpClient({ attempts: 3 });
const { send } = client;

async function timed(runs, fn) {
  const times = [];
  await fn(0);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i + 1);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** 200 rules over the data set's apps, hosts and titles: a third of each kind. */
function ruleSpecs(projectIds) {
  const specs = [];
  const apps = ['Code', 'Slack', 'Excel', 'Word', 'Figma', 'Zoom', 'Terminal', 'Outlook'];
  for (let i = 0; specs.length < RULES; i++) {
    const projectId = projectIds[i % projectIds.length];
    const k = i % 3;
    if (k === 0) specs.push({ kind: 'title', pattern: `Document ${i % 50} –`, projectId });
    else if (k === 1)
      specs.push({ kind: 'site', pattern: `site${i % 40}.example${i % 7}.com`, projectId });
    else
      specs.push({
        kind: 'app',
        pattern: `${apps[i % apps.length]}${i < 24 ? '' : ` ${i}`}`,
        projectId,
      });
  }
  return specs;
}

async function benchDatabase(db) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-projects-'));
  const database = db === 'mariadb' ? await createDatabase('calltimex_bench_projects') : null;
  const server = await startServer({
    script: join(BACKEND_DIR, 'dist', 'main.js'),
    env: {
      JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '16' } : {}),
    },
    dataDir,
    // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile of the api.
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  let query;
  let closeQuery;
  if (database) {
    const p = mysql.createPool({ uri: database.url, connectionLimit: 2, supportBigNumbers: true });
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
    const { token, employees } = await setUpOrganization(send, port, {
      employees: EMPLOYEES,
      teamSize: TEAM_SIZE,
      zones: ZONES,
      concurrency: CONCURRENCY,
    });
    const today = new Date().toISOString().slice(0, 10);
    const lastDay = addDays(today, -2);
    const firstDay = addDays(lastDay, -(DAYS - 1));
    const firstDayMs = Date.parse(`${firstDay}T00:00:00Z`);
    result.accepted = await uploadSpans(send, port, {
      employees,
      spansOf: (i) => reportSpans(i, firstDayMs, { days: DAYS, spansPerDay: SPANS_PER_DAY }),
      batchSize: 500,
      concurrency: CONCURRENCY,
    });
    await waitUntil(async () => {
      const [{ n }] = await query('SELECT COUNT(*) AS n FROM activity_dirty_days');
      return Number(n) === 0;
    }, 500);

    const post = (path, body, status = 201) =>
      expectOk(send(port, path, { token, body }), status, path);
    const projectIds = [];
    for (let i = 0; i < PROJECTS; i++)
      projectIds.push(
        (await post('/api/v1/projects', { name: `Project ${i}`, hourlyRate: 50 + i })).id,
      );
    const rules = [];
    for (const spec of ruleSpecs(projectIds))
      rules.push({ ...spec, id: (await post('/api/v1/allocation-rules', spec)).id });

    const get = (path) => expectOk(send(port, path, { method: 'GET', token }), 200, path);
    const from = firstDay;
    const to = lastDay;
    const orgPath = `/api/v1/reports/projects?from=${from}&to=${to}&groupBy=project`;
    const first = performance.now();
    const report = await get(orgPath);
    result.firstOrgMs = performance.now() - first;
    result.orgReport = await timed(RUNS, () => get(orgPath));
    result.week = await timed(RUNS, (i) =>
      get(
        `/api/v1/reports/projects?from=${addDays(to, -6)}&to=${to}&employeeId=${employees[(i * 37) % EMPLOYEES].id}`,
      ),
    );
    const summary = await get(`/api/v1/reports/summary?from=${from}&to=${to}`);
    const active = summary.rows.reduce((a, r) => a + r.activeSeconds, 0);
    if (report.totalSeconds !== active)
      result.errors.push(`allocated ${report.totalSeconds} s ≠ active ${active} s`);
    result.allocatedShare = 1 - report.unallocatedSeconds / Math.max(1, report.totalSeconds);

    // Rule change: the most used rule's project moves; time until the org report shows it.
    const top = report.rows.find((r) => r.id !== null);
    const moved = rules.find((r) => r.projectId === top.id);
    const target = projectIds.find((id) => id !== top.id);
    const t0 = performance.now();
    await expectOk(
      send(port, `/api/v1/allocation-rules/${moved.id}`, {
        token,
        method: 'PATCH',
        body: { projectId: target },
      }),
      200,
      'rule change',
    );
    for (;;) {
      const after = await get(orgPath);
      const row = after.rows.find((r) => r.id === top.id);
      if ((row?.seconds ?? 0) !== top.seconds) break;
      if (performance.now() - t0 > 30_000) {
        result.errors.push('rule change not reflected in 30 s');
        break;
      }
    }
    result.ruleChangeMs = performance.now() - t0;

    // Baseline: the organization report straight from raw spans, same engine, no caches.
    const zoneOf = new Map(employees.map((e) => [e.id, e.timeZone]));
    const ruleRows = await query(
      'SELECT id, teamId, kind, normalized, projectId, taskId FROM project_allocation_rules ORDER BY createdAt, id',
    );
    result.raw = await timed(Math.min(RUNS, 3), async () => {
      const book = new AllocationBook(ruleRows);
      const totals = new Map();
      for (let i = 0; i < employees.length; i += 100) {
        const chunk = employees.slice(i, i + 100);
        const rows = await query(
          `SELECT employeeId, startMs, endMs, app, title, url FROM activity_spans WHERE employeeId IN (${chunk.map(() => '?').join(',')}) AND kind = 'active' AND startMs >= ? AND startMs < ? AND endMs > startMs`,
          [
            ...chunk.map((e) => e.id),
            firstDayMs - 2 * 86_400_000,
            firstDayMs + (DAYS + 2) * 86_400_000,
          ],
        );
        const byEmployee = new Map();
        for (const r of rows) {
          const list = byEmployee.get(r.employeeId) ?? [];
          list.push({
            startMs: Number(r.startMs),
            endMs: Number(r.endMs),
            app: r.app,
            title: r.title,
            host: hostOf(r.url),
          });
          byEmployee.set(r.employeeId, list);
        }
        for (const [id, spans] of byEmployee) {
          for (let d = 0; d < DAYS; d++) {
            const b = localDayBounds(zoneOf.get(id), addDays(from, d));
            for (const [k, ms] of allocateShape(
              shapeDay(spans, b.startMs, b.endMs, []),
              book,
              null,
            ))
              totals.set(k, (totals.get(k) ?? 0) + ms);
          }
        }
      }
      return totals;
    });
    const [{ n }] = await query('SELECT COUNT(*) AS n FROM activity_spans');
    result.spanRows = Number(n);
    return result;
  } finally {
    await closeQuery();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

console.log(
  `projects benchmark: ${EMPLOYEES} employees × ${DAYS} days × ${SPANS_PER_DAY} spans, ${PROJECTS} projects, ${RULES} rules, ${RUNS} runs; ${cpus().length} CPUs, node ${process.version}`,
);
const results = [];
for (const db of DBS) {
  const r = await benchDatabase(db);
  results.push(r);
  const line = (name, t, target) =>
    console.log(
      `  ${name.padEnd(40)} p50 ${t.p50.toFixed(1).padStart(8)} ms  p95 ${t.p95.toFixed(1).padStart(8)} ms  (target p95 ≤ ${target} ms${t.p95 <= target ? '' : ' — MISSED'})`,
    );
  console.log(
    `\n[${db}] ${fmt(r.spanRows)} spans; ${(r.allocatedShare * 100).toFixed(1)} % of active time allocated`,
  );
  console.log(`  first organization report (cold caches): ${r.firstOrgMs.toFixed(0)} ms`);
  line('hours by project, organization, 30 days', r.orgReport, TARGETS.orgReport);
  line('one employee’s week', r.week, TARGETS.week);
  console.log(
    `  rule change → organization report shows it: ${r.ruleChangeMs.toFixed(0)} ms (target ≤ ${TARGETS.ruleChange} ms${r.ruleChangeMs <= TARGETS.ruleChange ? '' : ' — MISSED'})`,
  );
  console.log(
    `  baseline: organization report from raw spans  p50 ${r.raw.p50.toFixed(1)} ms → ${(r.raw.p50 / r.orgReport.p50).toFixed(1)}× the endpoint's p50`,
  );
  console.log(`  errors: ${r.errors.length}${r.errors.length ? `: ${r.errors.join(' | ')}` : ''}`);
}
client.destroy();
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
