// Times the report endpoints again on the database a `BENCH_KEEP=1 npm run bench:reports` run left
// (calltimex_bench_reports on MariaDB), without loading it again: 30 million spans take 20 minutes
// to load, a re-timing takes one. For comparing builds (BENCH_DIST) or database settings on the
// same data; each run prints the database's buffer pool so figures say what they ran with.
//
//   npm run bench:reports:kept     (builds first)
//   BENCH_RUNS=30 BENCH_DIST=../other-build/dist BENCH_RULE_CHANGE=1 (also times a rule change)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import {
  BACKEND_DIR,
  expectOk,
  freePort,
  httpClient,
  JWT_SECRET,
  MYSQL_URL,
  percentile,
  signIn,
  spawnNode,
  startServer,
  waitHealthy,
  waitUntil,
} from './support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BENCH_DB_NAME = 'calltimex_bench_reports';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST_DIR = process.env.BENCH_DIST
  ? resolve(process.env.BENCH_DIST)
  : join(BACKEND_DIR, 'dist');

const url = `${MYSQL_URL}/${BENCH_DB_NAME}`;
const db = await mysql.createConnection(url).catch(() => {
  console.error(`no database ${BENCH_DB_NAME}: run BENCH_KEEP=1 npm run bench:reports first`);
  process.exit(2);
});
const rows = async (sql, values) => (await db.query(sql, values))[0];
const [{ email }] = await rows("SELECT email FROM users WHERE role = 'owner' LIMIT 1");
const [{ fromDay, toDay, people }] = await rows(
  'SELECT MIN(day) AS fromDay, MAX(day) AS toDay, COUNT(DISTINCT employeeId) AS people FROM activity_day_totals',
);
const [{ pool: bufferPool }] = await rows('SELECT @@innodb_buffer_pool_size AS pool');
// One team (the fourth by id, or the last): 50 people, as in the loading run.
const teamIds = (
  await rows('SELECT DISTINCT teamId FROM employees WHERE teamId IS NOT NULL ORDER BY teamId')
).map((r) => r.teamId);
const teamId = teamIds[Math.min(3, teamIds.length - 1)];
const employeeIds = (await rows('SELECT id FROM employees ORDER BY id')).map((r) => r.id);

const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-kept-'));
const queuePrefix = `ctx-bench-kept-${randomUUID().slice(0, 8)}`;
const env = {
  JWT_SECRET,
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '16',
  REDIS_URL,
  QUEUE_PREFIX: queuePrefix,
};
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": the api's profile of the timed requests.
const server = await startServer({
  script: join(DIST_DIR, 'main.js'),
  env,
  dataDir,
  nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
});
const healthPort = await freePort();
const worker = spawnNode(join(DIST_DIR, 'worker.js'), {
  ...env,
  DATA_DIR: dataDir,
  WORKER_HEALTH_PORT: String(healthPort),
});
const client = httpClient({ attempts: 3 });
try {
  await waitHealthy(`http://127.0.0.1:${healthPort}/health`, worker, 'worker');
  const token = await signIn(client.send, server.port, email);
  const get = (path) =>
    expectOk(client.send(server.port, path, { method: 'GET', token }), 200, path);
  async function timed(fn) {
    const times = [];
    await fn(0);
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn(i + 1);
      times.push(performance.now() - t0);
    }
    return `p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`;
  }
  const range = `from=${fromDay}&to=${toDay}`;
  console.log(
    `reports on the kept database: ${people} people, ${fromDay}…${toDay}, ${RUNS} runs each; buffer pool ${Math.round(Number(bufferPool) / 1024 ** 2)} MB; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}; build ${DIST_DIR}`,
  );
  const summary = await get(`/api/v1/reports/summary?${range}`);
  if (summary.rows.length !== Number(people))
    throw new Error(`summary has ${summary.rows.length} rows, not ${people}`);
  console.log(
    `  summary, organization   ${await timed(() => get(`/api/v1/reports/summary?${range}`))}`,
  );
  console.log(
    `  summary, one team       ${await timed(() => get(`/api/v1/reports/summary?${range}&teamId=${teamId}`))}`,
  );
  const someone = (i) => employeeIds[(i * 37) % employeeIds.length];
  console.log(
    `  usage, one employee     ${await timed((i) => get(`/api/v1/reports/usage?${range}&employeeId=${someone(i)}`))}`,
  );
  console.log(
    `  timeline, one day       ${await timed((i) => get(`/api/v1/reports/timeline?employeeId=${someone(i)}&day=${toDay}`))}`,
  );
  if (process.env.BENCH_RULE_CHANGE) {
    // The same rule each time, flipped between two classes, so that every run moves the same
    // time: the organization's rule for the most used app ("Code" after the loading run).
    const [rule] = await rows(
      `SELECT r.id, r.pattern, r.productivity FROM productivity_rules r
       JOIN activity_keys k ON k.kind = 'app' AND k.normalized = r.normalized
       JOIN activity_day_keysets d ON d.keysetId = k.id
       WHERE r.kind = 'app' AND r.teamId IS NULL AND d.employeeId = ?
       GROUP BY r.id, r.pattern, r.productivity ORDER BY SUM(d.ms) DESC LIMIT 1`,
      [employeeIds[0]],
    );
    if (!rule) throw new Error('no app rule to change');
    const next = rule.productivity === 'unproductive' ? 'productive' : 'unproductive';
    const classed = (s) => s.rows.reduce((a, r) => a + r[`${next}Seconds`], 0);
    const before = classed(summary);
    const t0 = performance.now();
    await expectOk(
      client.send(server.port, `/api/v1/productivity-rules/${rule.id}`, {
        method: 'PATCH',
        token,
        body: { productivity: next },
      }),
      200,
      'rule',
    );
    const after = await get(`/api/v1/reports/summary?${range}`);
    const ms = performance.now() - t0;
    const moved = classed(after) - before;
    if (moved <= 0) throw new Error(`the rule for ${rule.pattern} moved no time`);
    console.log(
      `  rule change (${rule.pattern} ${rule.productivity} → ${next}: ${Math.round(moved / 3600)} h) → next organization summary: ${ms.toFixed(0)} ms`,
    );
    await waitUntil(async () => {
      const [{ n }] = await rows(
        'SELECT COUNT(*) AS n FROM activity_day_totals t JOIN productivity_rule_sets s ON s.organizationId = t.organizationId WHERE t.classRevision <> s.revision',
      );
      return Number(n) === 0;
    }, 200);
  }
} finally {
  client.destroy();
  await worker.stop();
  await server.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await db.end();
  rmSync(dataDir, { recursive: true, force: true });
}
