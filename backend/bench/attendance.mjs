// Attendance benchmark: the reports data set (1,000 employees × 30 days × 100 spans, loaded through
// POST /api/v1/agent/events into the built server) with work schedules (the organization's
// default, a team's, a few employees' own), a holiday and approved absences; then, over HTTP, the
// attendance of the whole organization (every page), of one 50-person team and of one employee's
// month, the totals of the organization, and how long a schedule change takes to show in the next
// report. Baseline, in the same run: the same rows computed from raw spans (a plain query over
// activity_spans and the same day rules), which must equal the api's rows.
//
//   npm run bench:attendance        (root or backend; builds first)
//   BENCH_DB=mariadb,sqlite BENCH_EMPLOYEES=1000 BENCH_DAYS=30 BENCH_SPANS_PER_DAY=100 BENCH_RUNS=30
//   BENCH_RAW_ORG=1 (also the whole organization from raw spans, once)  BENCH_DIST=<other build>
//   BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (flags for the api's node, e.g. to profile it)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  processCpuMs,
  REPORT_ZONES,
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
const CHANGE_RUNS = Number(process.env.BENCH_CHANGE_RUNS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH_SIZE = 500;
const DBS = (process.env.BENCH_DB ?? 'mariadb,sqlite').split(',');
const RAW_ORG = process.env.BENCH_RAW_ORG === '1';
const BENCH_DB_NAME = 'calltimex_bench_attendance';
// Rows per page when reading a whole report (the api's maximum).
const PAGE = 10_000;
// SQLite gets twice the budget for the organization, as for the reports.
const TARGETS = { org: 300, team: 100, employee: 50, change: 2000 };

const DIST_DIR = process.env.BENCH_DIST
  ? resolve(process.env.BENCH_DIST)
  : join(BACKEND_DIR, 'dist');
const dist = (p) => pathToFileURL(join(DIST_DIR, p)).href;
const { attendanceRow, isoWeekday } = await import(dist('modules/working-time/attendance.js'));
const { unionIntervals, clipIntervals, totalLength } = await import(
  dist('modules/activity/counting/intervals.js')
);
const { localDayBounds, addDays } = await import(dist('modules/activity/counting/time-zone.js'));

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
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

const inList = (n) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The reference: attendance rows of `members` from raw spans. Schedules, holidays and approved
 * absences by plain queries; each employee's spans of the days by the (employeeId, startMs)
 * index; per local day the union of active spans, then the day rules the api applies.
 */
async function attendanceFromRaw(query, organizationId, members, from, to) {
  const ids = members.map((m) => m.id);
  const schedules = new Map(
    (
      await query(
        'SELECT id, days, lateAfterMinutes, isDefault FROM work_schedules WHERE organizationId = ?',
        [organizationId],
      )
    ).map((s) => [
      s.id,
      {
        days: JSON.parse(s.days),
        lateAfterMinutes: Number(s.lateAfterMinutes),
        isDefault: Boolean(s.isDefault),
      },
    ]),
  );
  const fallback = [...schedules.values()].find((s) => s.isDefault);
  const teamSchedule = new Map(
    (
      await query('SELECT id, workScheduleId FROM teams WHERE organizationId = ?', [organizationId])
    ).map((t) => [t.id, t.workScheduleId]),
  );
  const employees = await query(
    `SELECT id, timeZone, teamId, workScheduleId FROM employees WHERE id IN (${inList(ids.length)}) AND status = 'active' ORDER BY id`,
    ids,
  );
  const holidays = new Set(
    (
      await query(
        'SELECT date FROM holidays WHERE organizationId = ? AND date >= ? AND date <= ?',
        [organizationId, from, to],
      )
    ).map((h) => h.date),
  );
  const absences = await query(
    `SELECT employeeId, fromDay, toDay FROM absences WHERE organizationId = ? AND status = 'approved' AND employeeId IN (${inList(ids.length)}) AND fromDay <= ? AND toDay >= ?`,
    [organizationId, ...ids, to, from],
  );
  const rows = [];
  for (const e of employees) {
    const schedule =
      (e.workScheduleId && schedules.get(e.workScheduleId)) ||
      (e.teamId && teamSchedule.get(e.teamId) && schedules.get(teamSchedule.get(e.teamId))) ||
      fallback;
    const windowStart = localDayBounds(e.timeZone, from).startMs;
    const windowEnd = localDayBounds(e.timeZone, to).endMs;
    // Spans last at most 24 h: one that ends in the window starts at most a day before it.
    const spans = await query(
      "SELECT startMs, endMs FROM activity_spans WHERE employeeId = ? AND kind = 'active' AND startMs >= ? AND startMs < ?",
      [e.id, windowStart - 86_400_000, windowEnd],
    );
    const active = unionIntervals(spans.map((s) => [Number(s.startMs), Number(s.endMs)]));
    const own = absences.filter((a) => a.employeeId === e.id);
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const { startMs, endMs } = localDayBounds(e.timeZone, date);
      const day = clipIntervals(active, startMs, endMs);
      const entry = schedule?.days.find((d) => d.weekday === isoWeekday(date));
      rows.push(
        attendanceRow(e.id, {
          date,
          timeZone: e.timeZone,
          scheduled: entry ? { day: entry, lateAfterMinutes: schedule.lateAfterMinutes } : null,
          holiday: holidays.has(date),
          absence: own.some((a) => a.fromDay <= date && date <= a.toDay),
          activeMs: totalLength(day),
          firstActiveMs: day.length > 0 ? day[0][0] : null,
          lastActiveMs: day.length > 0 ? day[day.length - 1][1] : null,
        }),
      );
    }
  }
  return rows;
}

async function benchDatabase(db) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-attendance-'));
  let query;
  let closeQuery = async () => undefined;
  const database = db === 'mariadb' ? await createDatabase(BENCH_DB_NAME) : null;
  const server = await startServer({
    script: join(DIST_DIR, 'main.js'),
    env: {
      JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '16' } : {}),
    },
    dataDir,
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
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
  const result = { db, errors: [], load: loadavg()[0] };
  try {
    // ---- organization, teams, employees, devices; 3 M spans
    const { token, teams, employees, setupSeconds } = await setUpOrganization(send, port, {
      employees: EMPLOYEES,
      teamSize: TEAM_SIZE,
      zones: REPORT_ZONES,
      concurrency: CONCURRENCY,
    });
    result.setupSeconds = setupSeconds;
    const today = new Date().toISOString().slice(0, 10);
    const to = addDays(today, -2);
    const from = addDays(to, -(DAYS - 1));
    const firstDayMs = Date.parse(`${from}T00:00:00Z`);
    const loadStarted = performance.now();
    result.accepted = await uploadSpans(send, port, {
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
    await waitUntil(async () => {
      const [{ n }] = await query('SELECT COUNT(*) AS n FROM activity_dirty_days');
      return Number(n) === 0;
    }, 500);
    result.catchUpSeconds = (performance.now() - loadStarted) / 1000 - result.loadSeconds;

    // ---- schedules, a holiday, approved absences
    const post = (path, body) => expectOk(send(port, path, { token, body }), 201, path);
    const patch = (path, body) =>
      expectOk(send(port, path, { method: 'PATCH', token, body }), 200, path);
    const weekdays = (days, start, end) => days.map((weekday) => ({ weekday, start, end }));
    const office = await post('/api/v1/work-schedules', {
      name: 'Office',
      days: weekdays([1, 2, 3, 4, 5], '09:00', '17:00'),
      lateAfterMinutes: 5,
      default: true,
    });
    const shifts = await post('/api/v1/work-schedules', {
      name: 'Six days',
      days: weekdays([1, 2, 3, 4, 5, 6], '08:00', '16:00'),
    });
    const short = await post('/api/v1/work-schedules', {
      name: 'Short',
      days: weekdays([1, 2, 3, 4], '10:00', '15:00'),
    });
    await patch(`/api/v1/teams/${teams[1]}`, { workScheduleId: shifts.id });
    for (let i = 5; i < EMPLOYEES; i += 100) {
      await patch(`/api/v1/employees/${employees[i].id}`, { workScheduleId: short.id });
    }
    await post('/api/v1/holidays', { date: addDays(from, 10), name: 'Bench holiday' });
    for (let i = 3; i < EMPLOYEES; i += 20) {
      const start = addDays(from, (i * 7) % (DAYS - 3));
      await post('/api/v1/absences', {
        employeeId: employees[i].id,
        from: start,
        to: addDays(start, 2),
        kind: 'vacation',
      });
    }
    const [{ id: organizationId }] = await query('SELECT id FROM organizations');

    // ---- timings over HTTP
    const get = (path) => expectOk(send(port, path, { method: 'GET', token }), 200, path);
    const allPages = async (q, limit = PAGE) => {
      const rows = [];
      let cursor;
      let pages = 0;
      do {
        const page = await get(
          `/api/v1/reports/attendance?from=${from}&to=${to}&limit=${limit}${q}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        rows.push(...page.rows);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      return { rows, pages };
    };
    const org = await allPages('');
    if (org.rows.length !== EMPLOYEES * DAYS)
      result.errors.push(`organization report has ${org.rows.length} rows`);
    result.orgPages = org.pages;
    const cpuBefore = processCpuMs(server.pid);
    result.org = await timed(RUNS, () => allPages(''));
    // The api's own CPU per organization report: comparable between builds on a loaded machine.
    result.orgServerCpuMs = (processCpuMs(server.pid) - cpuBefore) / (RUNS + 1);
    const defaultPages = await allPages('', 1000);
    result.orgDefaultPages = defaultPages.pages;
    result.orgDefault = await timed(Math.min(RUNS, 5), () => allPages('', 1000));
    const teamIndex = Math.min(3, teams.length - 1);
    const teamMembers = employees.slice(teamIndex * TEAM_SIZE, (teamIndex + 1) * TEAM_SIZE);
    result.team = await timed(RUNS, () => allPages(`&teamId=${teams[teamIndex]}`));
    result.employee = await timed(RUNS, (i) =>
      allPages(`&employeeId=${employees[(i * 37) % EMPLOYEES].id}`),
    );
    const totals = await get(`/api/v1/reports/attendance/totals?from=${from}&to=${to}&limit=1000`);
    if (totals.items.length !== Math.min(EMPLOYEES, 1000))
      result.errors.push(`totals have ${totals.items.length} items`);
    result.totals = await timed(RUNS, () =>
      get(`/api/v1/reports/attendance/totals?from=${from}&to=${to}&limit=1000`),
    );

    // ---- baseline: the team's and one employee's rows from raw spans; must equal the api's
    const teamRows = (await allPages(`&teamId=${teams[teamIndex]}`)).rows;
    const rawTeamRows = await attendanceFromRaw(query, organizationId, teamMembers, from, to);
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(teamRows, rawTeamRows)) {
      const i = teamRows.findIndex((r, k) => !same(r, rawTeamRows[k]));
      result.errors.push(
        `team rows differ from raw at ${i}: ${JSON.stringify(teamRows[i])} vs ${JSON.stringify(rawTeamRows[i])}`,
      );
    }
    result.rawTeam = await timed(Math.min(RUNS, 5), () =>
      attendanceFromRaw(query, organizationId, teamMembers, from, to),
    );
    result.rawEmployee = await timed(Math.min(RUNS, 10), (i) =>
      attendanceFromRaw(query, organizationId, [employees[(i * 37) % EMPLOYEES]], from, to),
    );
    // Absences and own schedules sit on every 20th and 100th employee: check some of those too.
    const sample = [3, 5, 23, 105, 60].filter((i) => i < EMPLOYEES).map((i) => employees[i]);
    const rawSample = await attendanceFromRaw(query, organizationId, sample, from, to);
    const sampleIds = new Set(sample.map((e) => e.id));
    if (
      !same(
        org.rows.filter((r) => sampleIds.has(r.employeeId)),
        rawSample,
      )
    )
      result.errors.push('sampled employees differ from raw');
    if (RAW_ORG) {
      const t0 = performance.now();
      const raw = await attendanceFromRaw(query, organizationId, employees, from, to);
      result.rawOrgMs = performance.now() - t0;
      if (!same(org.rows, raw)) result.errors.push('organization rows differ from raw');
    }

    // ---- a schedule change shows in the next report (every page of the organization)
    const changes = [];
    // Under the default: not in team 1 (its own schedule), no own schedule, no absence.
    const onDefault = employees.find(
      (e, i) => Math.floor(i / TEAM_SIZE) !== 1 && i % 100 !== 5 && i % 20 !== 3,
    );
    for (let run = 0; run < CHANGE_RUNS; run++) {
      const end = run % 2 === 0 ? '18:00' : '17:00';
      const t0 = performance.now();
      await patch(`/api/v1/work-schedules/${office.id}`, {
        days: weekdays([1, 2, 3, 4, 5], '09:00', end),
      });
      const after = await allPages('');
      changes.push(performance.now() - t0);
      const hours = end === '18:00' ? 9 : 8;
      const scheduled = after.rows.filter(
        (r) => r.employeeId === onDefault.id && r.scheduledSeconds > 0,
      );
      // Every scheduled day of this employee has the new length (clocks change at night, never
      // within 09:00–18:00).
      if (scheduled.length === 0 || scheduled.some((r) => r.scheduledSeconds !== hours * 3600))
        result.errors.push(`schedule change not reflected (run ${run})`);
    }
    result.change = { p50: percentile(changes, 50), max: Math.max(...changes) };
    const [{ n: spanRows }] = await query('SELECT COUNT(*) AS n FROM activity_spans');
    const [{ n: totalRows }] = await query('SELECT COUNT(*) AS n FROM activity_day_totals');
    Object.assign(result, { spanRows: Number(spanRows), totalRows: Number(totalRows) });
    result.loadAfter = loadavg()[0];
    return result;
  } finally {
    if (process.env.BENCH_SERVER_LOGS) console.log(server.logs());
    await closeQuery();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

console.log(
  `attendance benchmark: ${EMPLOYEES} employees × ${DAYS} days × ${SPANS_PER_DAY} spans, teams of ${TEAM_SIZE}, ${RUNS} runs each; ${cpus().length} CPUs, node ${process.version}, ${new Date().toISOString()}`,
);
const results = [];
for (const db of DBS) {
  const r = await benchDatabase(db);
  results.push(r);
  const line = (name, t, target) =>
    console.log(
      `  ${name.padEnd(44)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms${target ? `  (target p95 ≤ ${target} ms${t.p95 <= target ? '' : ' — MISSED'})` : ''}`,
    );
  console.log(
    `\n[${db}] load average ${r.load.toFixed(1)} before, ${r.loadAfter.toFixed(1)} after`,
  );
  console.log(
    `  load: ${fmt(r.accepted)} spans in ${r.loadSeconds.toFixed(1)} s; rollups caught up ${r.catchUpSeconds.toFixed(1)} s later; ${fmt(r.spanRows)} spans → ${fmt(r.totalRows)} day totals`,
  );
  line(
    `organization, ${DAYS} days, all ${r.orgPages} pages of ${fmt(PAGE)}`,
    r.org,
    TARGETS.org * (db === 'sqlite' ? 2 : 1),
  );
  console.log(
    `  ${"  the api's CPU time per organization report".padEnd(44)} ${r.orgServerCpuMs.toFixed(0).padStart(11)} ms`,
  );
  line(`organization, all ${r.orgDefaultPages} pages of 1,000 (default)`, r.orgDefault);
  line(`one ${TEAM_SIZE}-person team, ${DAYS} days`, r.team, TARGETS.team);
  line(`one employee's ${DAYS} days`, r.employee, TARGETS.employee);
  line(`totals, organization (1 page of 1,000)`, r.totals);
  console.log(
    `  baseline, team from raw spans               p50 ${r.rawTeam.p50.toFixed(1).padStart(7)} ms  p95 ${r.rawTeam.p95.toFixed(1).padStart(7)} ms  → api ${(r.rawTeam.p50 / r.team.p50).toFixed(1)}× faster (p50)`,
  );
  console.log(
    `  baseline, employee from raw spans           p50 ${r.rawEmployee.p50.toFixed(1).padStart(7)} ms  p95 ${r.rawEmployee.p95.toFixed(1).padStart(7)} ms  → api ${(r.rawEmployee.p50 / r.employee.p50).toFixed(1)}× faster (p50)`,
  );
  if (r.rawOrgMs !== undefined)
    console.log(
      `  baseline, organization from raw spans (once) ${r.rawOrgMs.toFixed(0)} ms → api ${(r.rawOrgMs / r.org.p50).toFixed(1)}× faster`,
    );
  console.log(
    `  schedule change → next organization report (all pages): p50 ${r.change.p50.toFixed(0)} ms, max ${r.change.max.toFixed(0)} ms (target ≤ ${TARGETS.change} ms${r.change.max <= TARGETS.change ? '' : ' — MISSED'})`,
  );
  console.log(
    `  errors: ${r.errors.length}${r.errors.length ? `: ${r.errors.slice(0, 5).join(' | ')}` : ''}`,
  );
}
client.destroy();
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
