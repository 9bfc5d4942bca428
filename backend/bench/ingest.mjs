// Ingestion benchmark: drives the built server (dist/main.js) over HTTP the way agents do (device
// tokens, gzip, batches of 500 spans, several devices at once, some batches sent again) on MariaDB
// and on SQLite, and measures plain multi-row INSERTs of the same rows through mysql2 at the same
// batch size and concurrency as the physical baseline.
//
//   npm run bench:ingest            (root or backend; builds first)
//   BENCH_DEVICES=8 BENCH_BATCHES=40 BENCH_RESEND_EVERY=5 BENCH_ROUNDS=3 BENCH_DB=mariadb,sqlite
//   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import {
  createDatabase,
  createEnrollmentToken,
  enrollEmployee,
  expectOk,
  fmt,
  httpClient,
  JWT_SECRET,
  median,
  percentile,
  signUp,
  startServer,
} from './support.mjs';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 8);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const BATCH_SIZE = 500;
const RESEND_EVERY = Number(process.env.BENCH_RESEND_EVERY ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_DAYS = Math.ceil((BATCHES * BATCH_SIZE) / 1440) + 1;
const DBS = (process.env.BENCH_DB ?? 'mariadb,sqlite').split(',');
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

// Its agent is renewed per round: the server closes sockets idle for 5 s, and reusing one as it
// closes resets it.
const client = httpClient();
const { send } = client;

/** An organization, one employee per device, enrolled devices; returns device tokens. */
async function enrollDevices(port) {
  const token = await signUp(send, port);
  const enrollmentToken = await createEnrollmentToken(send, port, token);
  const tokens = [];
  for (let d = 0; d < DEVICES; d++) {
    const { deviceToken } = await enrollEmployee(send, port, {
      token,
      enrollmentToken,
      index: d,
      fields: { fullName: `Bench Employee ${d}` },
    });
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

async function runApi(port, tokens, work) {
  client.renewAgent();
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

async function benchDatabase(db) {
  const database = db === 'mariadb' ? await createDatabase(BENCH_DB_NAME) : null;
  const env = database ? { DATABASE_URL: database.url, JWT_SECRET, DATABASE_POOL_SIZE: '16' } : {};
  const server = await startServer({
    script: join(process.env.BENCH_DIST ?? 'dist', 'main.js'),
    env,
    nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    logChars: Infinity,
  });
  const pool = database ? mysql.createPool({ uri: database.url, connectionLimit: DEVICES }) : null;
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
    await database?.drop();
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
client.destroy();
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
