// Ingestion benchmark: drives the built server (dist/main.js) over HTTP the way agents do (device
// tokens, gzip, batches of 500 spans, several devices at once, some batches sent again) on MariaDB
// and on SQLite, and measures plain multi-row INSERTs of the same rows through mysql2 at the same
// batch size and concurrency as the physical baseline.
//
//   npm run bench:ingest            (root or backend; builds first)
//   BENCH_DEVICES=8 BENCH_BATCHES=40 BENCH_RESEND_EVERY=5 BENCH_ROUNDS=3 BENCH_DB=mariadb,sqlite
//   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';

const BACKEND_DIR = fileURLToPath(new URL('..', import.meta.url));
const DEVICES = Number(process.env.BENCH_DEVICES ?? 8);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const BATCH_SIZE = 500;
const RESEND_EVERY = Number(process.env.BENCH_RESEND_EVERY ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_DAYS = Math.ceil((BATCHES * BATCH_SIZE) / 1440) + 1;
const DBS = (process.env.BENCH_DB ?? 'mariadb,sqlite').split(',');
const MYSQL_URL = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const BENCH_DB_NAME = 'calltimex_bench_ingest';

const APPS = [
  'Code',
  'Slack',
  'Microsoft Teams',
  'Outlook',
  'Excel',
  'Word',
  'Terminal',
  'Figma',
  'Zoom',
  'Notion',
  'IntelliJ IDEA',
  'Postman',
  'Spotify',
  'Telegram',
  'Explorer',
];
const BROWSERS = ['Google Chrome', 'Firefox', 'Microsoft Edge'];
const HOSTS = Array.from({ length: 60 }, (_, i) => `site${i}.example${i % 7}.com`).concat([
  'github.com',
  'mail.google.com',
  'docs.google.com',
  'www.youtube.com',
  'jira.corp.local',
  'stackoverflow.com',
]);

function pick(list, n) {
  return list[n % list.length];
}

/** Deterministic spans for one device: consecutive, one minute each, 10 % idle, 40 % browser. */
function makeBatch(deviceIndex, batchIndex, baseMs) {
  const events = [];
  for (let i = 0; i < BATCH_SIZE; i++) {
    const n = batchIndex * BATCH_SIZE + i;
    const start = baseMs + n * 60_000;
    const e = {
      id: randomUUID(),
      kind: n % 10 === 9 ? 'idle' : 'active',
      start: new Date(start).toISOString(),
      end: new Date(start + 59_000).toISOString(),
    };
    if (e.kind === 'active') {
      if (n % 5 < 2) {
        const host = pick(HOSTS, n * 7 + deviceIndex);
        e.app = pick(BROWSERS, n);
        e.url = `https://${host}/path/${n % 97}/item?id=${n}`;
        e.title = `Item ${n} – ${host} – ${e.app}`;
      } else {
        e.app = pick(APPS, n * 3 + deviceIndex);
        e.title = `Document ${n % 113}.txt – ${e.app}`;
      }
    }
    events.push(e);
  }
  return events;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(env) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-'));
  let output = '';
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const main = join(process.env.BENCH_DIST ?? 'dist', 'main.js');
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: BACKEND_DIR,
    env: {
      // Enough free seats for every benchmark device, without a license.
      BILLING_FREE_SEATS: '100000',
      PATH: process.env.PATH,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server not healthy in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Renewed per round: the server closes sockets idle for 5 s, and reusing one as it closes resets it.
let agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

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
        const text = Buffer.concat(chunks).toString();
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode, body: json });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function expectOk(promise, status, what) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An organization, one employee per device, enrolled devices; returns device tokens. */
async function enrollDevices(port) {
  const owner = await expectOk(
    send(port, '/api/v1/auth/signup', {
      body: {
        organizationName: 'Bench Org',
        fullName: 'Bench Owner',
        email: `owner-${randomUUID().slice(0, 8)}@bench.test`,
        password: 'bench-password-123456',
      },
    }),
    201,
    'signup',
  );
  const adminToken = owner.accessToken;
  const { token: enrollmentToken } = await expectOk(
    send(port, '/api/v1/agent/enrollment-tokens', { token: adminToken, body: {} }),
    201,
    'enrollment token',
  );
  const tokens = [];
  for (let d = 0; d < DEVICES; d++) {
    const email = `bench-${d}-${randomUUID().slice(0, 6)}@bench.test`;
    await expectOk(
      send(port, '/api/v1/employees', {
        token: adminToken,
        body: { fullName: `Bench Employee ${d}`, email },
      }),
      201,
      'employee',
    );
    const { deviceToken } = await expectOk(
      send(port, '/api/v1/agent/enroll', {
        body: {
          enrollmentToken,
          employeeEmail: email,
          hostname: `ws-${d}`,
          os: 'Linux',
          agentVersion: 'bench',
        },
      }),
      201,
      'enroll',
    );
    tokens.push(deviceToken);
  }
  return tokens;
}

/** Per device: its batches, and every RESEND_EVERY-th batch once more right after (an agent that lost the answer). */
function planWork(baseMs) {
  return Array.from({ length: DEVICES }, (_, d) => {
    const bodies = [];
    for (let b = 0; b < BATCHES; b++) {
      const events = makeBatch(d, b, baseMs + d * 1000);
      const gz = gzipSync(JSON.stringify({ events }));
      bodies.push({ events, gz, resend: false });
      if (RESEND_EVERY > 0 && b % RESEND_EVERY === RESEND_EVERY - 1)
        bodies.push({ events, gz, resend: true });
    }
    return bodies;
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function runApi(port, tokens, work) {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // Warm-up (JIT, key cache): one small batch per device, not timed.
  await Promise.all(
    tokens.map((token, d) =>
      expectOk(
        send(port, '/api/v1/agent/events', {
          token,
          body: {
            events: makeBatch(d, 0, Date.now() - (ROUNDS * ROUND_DAYS + 5) * 86_400_000).slice(
              0,
              50,
            ),
          },
        }),
        200,
        'warm-up',
      ),
    ),
  );
  const latencies = [];
  let accepted = 0;
  let duplicates = 0;
  let sent = 0;
  const errors = [];
  const started = performance.now();
  await Promise.all(
    work.map(async (bodies, d) => {
      for (const { gz, events, resend } of bodies) {
        const t0 = performance.now();
        const res = await send(port, '/api/v1/agent/events', {
          token: tokens[d],
          body: gz,
          gzip: true,
        });
        latencies.push(performance.now() - t0);
        sent += events.length;
        if (res.status !== 200) {
          errors.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        accepted += res.body.accepted;
        duplicates += res.body.duplicates;
        if (res.body.rejected.length > 0)
          errors.push(`rejected: ${JSON.stringify(res.body.rejected.slice(0, 3))}`);
        if (!resend && res.body.accepted !== events.length)
          errors.push(`batch accepted ${res.body.accepted}/${events.length}`);
        if (resend && res.body.duplicates !== events.length)
          errors.push(`re-sent batch: ${res.body.duplicates} duplicates of ${events.length}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, accepted, duplicates, sent, latencies, errors };
}

async function runBaseline(pool, work) {
  await pool.query('DROP TABLE IF EXISTS bench_baseline_spans');
  await pool.query('CREATE TABLE bench_baseline_spans LIKE activity_spans');
  const keyId = randomUUID();
  const organizationId = randomUUID();
  const rowsOf = (events, d) =>
    events.map((e) => {
      const startMs = Date.parse(e.start);
      return [
        `device-${d}`,
        e.id,
        organizationId,
        `employee-${d}`,
        e.kind,
        startMs,
        Date.parse(e.end),
        e.kind === 'active' ? keyId : null,
        e.app ?? null,
        e.title ?? null,
        e.url ?? null,
      ];
    });
  const prepared = work.map((bodies, d) =>
    bodies.filter((b) => !b.resend).map((b) => rowsOf(b.events, d)),
  );
  const latencies = [];
  const errors = [];
  let inserted = 0;
  const started = performance.now();
  await Promise.all(
    prepared.map(async (batches) => {
      for (const rows of batches) {
        const t0 = performance.now();
        try {
          const [result] = await pool.query(
            'INSERT INTO bench_baseline_spans (deviceId, eventId, organizationId, employeeId, kind, startMs, endMs, keyId, app, title, url) VALUES ?',
            [rows],
          );
          inserted += result.affectedRows;
        } catch (error) {
          errors.push(String(error));
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.query('DROP TABLE bench_baseline_spans');
  return { seconds, inserted, latencies, errors };
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

function median(values) {
  return percentile(values, 50);
}

async function benchDatabase(db) {
  let env;
  let admin;
  if (db === 'mariadb') {
    admin = await mysql.createConnection(`${MYSQL_URL}/mysql`);
    await admin.query(`DROP DATABASE IF EXISTS \`${BENCH_DB_NAME}\``);
    await admin.query(
      `CREATE DATABASE \`${BENCH_DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    env = {
      DATABASE_URL: `${MYSQL_URL}/${BENCH_DB_NAME}`,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      DATABASE_POOL_SIZE: '16',
    };
  } else {
    env = {};
  }
  const server = await startServer(env);
  const pool =
    db === 'mariadb'
      ? mysql.createPool({ uri: `${MYSQL_URL}/${BENCH_DB_NAME}`, connectionLimit: DEVICES })
      : null;
  try {
    const tokens = await enrollDevices(server.port);
    const rounds = [];
    const errors = [];
    const apiLatencies = [];
    const baseLatencies = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh ids and days of their own every round, all in the past: rounds do not pile onto
      // the same days (whose rollups would grow with every round).
      const work = planWork(
        Date.now() - (ROUNDS - round) * ROUND_DAYS * 86_400_000 - 2 * 86_400_000,
      );
      const unique = DEVICES * BATCHES * BATCH_SIZE;
      if (pool) {
        // Each round starts from an empty spans table, as the baseline does.
        await pool.query('TRUNCATE TABLE activity_spans');
      }
      const api = await runApi(server.port, tokens, work);
      apiLatencies.push(...api.latencies);
      errors.push(...api.errors);
      if (api.accepted !== unique)
        errors.push(`round ${round}: stored ${api.accepted} of ${unique}`);
      const r = {
        api: api.accepted / api.seconds,
        apiWithResent: api.sent / api.seconds,
        accepted: api.accepted,
        duplicates: api.duplicates,
      };
      if (pool) {
        const [[{ n }]] = await pool.query('SELECT COUNT(*) AS n FROM activity_spans');
        // Plus the warm-up's 50 spans per device.
        if (Number(n) < unique)
          errors.push(`round ${round}: table holds ${n} spans, expected ${unique}`);
        const base = await runBaseline(pool, work);
        baseLatencies.push(...base.latencies);
        errors.push(...base.errors.map((e) => `baseline: ${e}`));
        r.baseline = base.inserted / base.seconds;
        r.ratio = r.api / r.baseline;
      }
      rounds.push(r);
      console.log(
        `  [${db}] round ${round + 1}/${ROUNDS}: API ${fmt(r.api)} spans/s` +
          (r.baseline
            ? `, baseline ${fmt(r.baseline)} rows/s, ratio ${(r.ratio * 100).toFixed(1)} %`
            : '') +
          `  (load ${loadavg()[0].toFixed(1)})`,
      );
    }
    return {
      db,
      apiSpansPerSecond: median(rounds.map((r) => r.api)),
      apiRequestsSpansPerSecond: median(rounds.map((r) => r.apiWithResent)),
      apiP50: percentile(apiLatencies, 50),
      apiP99: percentile(apiLatencies, 99),
      accepted: rounds.reduce((a, r) => a + r.accepted, 0),
      duplicates: rounds.reduce((a, r) => a + r.duplicates, 0),
      baselineSpansPerSecond: pool ? median(rounds.map((r) => r.baseline)) : undefined,
      baselineP99: pool ? percentile(baseLatencies, 99) : undefined,
      ratio: pool ? median(rounds.map((r) => r.ratio)) : undefined,
      errors,
    };
  } finally {
    if (pool) await pool.end();
    if (process.env.BENCH_SERVER_LOGS) console.log(server.logs().slice(-20000));
    await server.stop();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS \`${BENCH_DB_NAME}\``);
      await admin.end();
    }
  }
}

const results = [];
console.log(
  `ingest benchmark ${new Date().toISOString()}: ${DEVICES} devices at once × ${BATCHES} batches × ${BATCH_SIZE} spans ` +
    `(+ every ${RESEND_EVERY}th batch re-sent at once), gzip, ${ROUNDS} rounds (medians); ` +
    `${cpus().length} CPUs, node ${process.version}, load ${loadavg()[0].toFixed(1)}`,
);
for (const db of DBS) {
  const r = await benchDatabase(db);
  results.push(r);
  console.log(`\n[${db}]`);
  console.log(
    `  API        ${fmt(r.apiSpansPerSecond)} new spans/s stored (${fmt(r.apiRequestsSpansPerSecond)} spans/s incl. re-sent)  ` +
      `p50 ${r.apiP50.toFixed(1)} ms  p99 ${r.apiP99.toFixed(1)} ms per batch`,
  );
  console.log(`             accepted ${fmt(r.accepted)}, duplicates ${fmt(r.duplicates)}`);
  if (r.baselineSpansPerSecond) {
    console.log(
      `  baseline   ${fmt(r.baselineSpansPerSecond)} rows/s (plain multi-row INSERT via mysql2)  p99 ${r.baselineP99.toFixed(1)} ms per batch`,
    );
    console.log(`  ratio      ${(r.ratio * 100).toFixed(1)} % of baseline`);
  }
  console.log(
    `  errors     ${r.errors.length}${r.errors.length ? `: ${r.errors.slice(0, 5).join(' | ')}` : ''}`,
  );
}
agent.destroy();
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
