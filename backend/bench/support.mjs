// What the benchmarks share: starting the built server, an HTTP client for its api, the sign-up,
// employee and device flows, bounded concurrency, and the figures (percentiles, number format).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';

export const BACKEND_DIR = fileURLToPath(new URL('..', import.meta.url));
export const MYSQL_URL = (process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(
  /\/$/,
  '',
);
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const PASSWORD = 'bench-password-123456';

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Calls `check` until it resolves truthy, `intervalMs` apart. */
export async function waitUntil(check, intervalMs) {
  while (!(await check())) await sleep(intervalMs);
}

/** Runs `work(item, index)` over `items`, at most `concurrency` at a time, in order of start. */
export async function pool(items, concurrency, work) {
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

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function median(values) {
  return percentile(values, 50);
}

export function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** mulberry32: the same pseudo-random sequence for the same seed, so runs load the same data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
    srv.on('error', reject);
  });
}

/** A fresh, empty MariaDB database `name`; `drop()` removes it and closes the admin connection. */
export async function createDatabase(name) {
  const admin = await mysql.createConnection(`${MYSQL_URL}/mysql`);
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    url: `${MYSQL_URL}/${name}`,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/**
 * Starts a built script (e.g. dist/main.js; a relative path is taken from the backend folder)
 * with only PATH from this environment, and keeps the last `logChars` characters of its output.
 */
export function spawnNode(script, env, { nodeArgs = [], logChars = 50_000 } = {}) {
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: BACKEND_DIR,
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      // Enough free seats for every benchmark device, without a license.
      BILLING_FREE_SEATS: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output = (output + d).slice(-logChars)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-logChars)));
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

/** Waits up to 60 s for `url` to answer 2xx; fails early with the output if `proc` exits. */
export async function waitHealthy(url, proc, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited:\n${proc.logs()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} not healthy in 60 s:\n${proc.logs()}`);
    await sleep(200);
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux). Less sensitive to
 * other work on a shared machine than wall time: a figure to compare builds under load.
 */
export function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The api server (dist/main.js unless `script`) on a free port, healthy. Without `dataDir` it gets
 * a temporary one of its own, removed by `stop()`.
 */
export async function startServer({
  script = join('dist', 'main.js'),
  env = {},
  dataDir,
  nodeArgs,
  logChars,
} = {}) {
  const port = await freePort();
  const ownDataDir = dataDir === undefined;
  const dir = ownDataDir ? mkdtempSync(join(tmpdir(), 'ctx-bench-')) : dataDir;
  const proc = spawnNode(
    script,
    { PORT: String(port), DATA_DIR: dir, ...env },
    {
      nodeArgs,
      logChars,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/api/v1/health`, proc, 'server');
  return {
    url,
    port,
    pid: proc.child.pid,
    logs: proc.logs,
    stop: async () => {
      await proc.stop();
      if (ownDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An HTTP client for the api on 127.0.0.1 over keep-alive sockets. `send` resolves to the status,
 * the body (parsed JSON, else the text) and its size in bytes. With `attempts` > 1 a request whose
 * socket was reset is sent again: a keep-alive socket the server closes just as a request goes out
 * resets, and the benchmarks' requests are safe to repeat (events are idempotent by id).
 */
export function httpClient({ attempts = 1 } = {}) {
  const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 64 });
  let agent = newAgent();

  function sendOnce(port, path, { method = 'POST', token, body, gzip = false } = {}) {
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
          const text = buffer.toString();
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode, body: json, bytes: buffer.length });
        });
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async function send(port, path, options = {}) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sendOnce(port, path, options);
      } catch (error) {
        if (attempt >= attempts || !['ECONNRESET', 'EPIPE'].includes(error.code)) throw error;
      }
    }
  }

  return {
    send,
    /** Drops the pooled sockets and starts a new pool (the server closes idle ones after 5 s). */
    renewAgent: () => {
      agent.destroy();
      agent = newAgent();
    },
    destroy: () => agent.destroy(),
  };
}

/** The body of the answer, or an error naming `what` unless its status is `status`. */
export async function expectOk(promise, status, what) {
  const res = await promise;
  if (res.status !== status)
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/** A new organization; returns its owner's access token. */
export async function signUp(send, port, email = `owner-${randomUUID().slice(0, 8)}@bench.test`) {
  const owner = await expectOk(
    send(port, '/api/v1/auth/signup', {
      body: {
        organizationName: 'Bench Org',
        fullName: 'Bench Owner',
        email,
        password: PASSWORD,
      },
    }),
    201,
    'signup',
  );
  return owner.accessToken;
}

/** A fresh access token for a bench account (a long run outlives the first one). */
export async function signIn(send, port, email) {
  const session = await expectOk(
    send(port, '/api/v1/auth/login', { body: { email, password: PASSWORD } }),
    200,
    'login',
  );
  return session.accessToken;
}

export async function createEnrollmentToken(send, port, token) {
  const { token: enrollmentToken } = await expectOk(
    send(port, '/api/v1/agent/enrollment-tokens', { token, body: {} }),
    201,
    'enrollment token',
  );
  return enrollmentToken;
}

/**
 * Employee number `index` (`fields`: fullName and what else the employee gets) with a device
 * enrolled for them; returns the employee's id and time zone and the device token.
 */
export async function enrollEmployee(send, port, { token, enrollmentToken, index, fields }) {
  const employeeEmail = `bench-${index}-${randomUUID().slice(0, 6)}@bench.test`;
  const employee = await expectOk(
    send(port, '/api/v1/employees', { token, body: { ...fields, email: employeeEmail } }),
    201,
    'employee',
  );
  const { deviceToken } = await expectOk(
    send(port, '/api/v1/agent/enroll', {
      body: {
        enrollmentToken,
        employeeEmail,
        hostname: `ws-${index}`,
        os: 'Linux',
        agentVersion: 'bench',
      },
    }),
    201,
    'enroll',
  );
  return { id: employee.id, timeZone: employee.timeZone, deviceToken };
}

/**
 * An organization with `employees` employees in teams of `teamSize`, time zones taken in turn from
 * `zones`, each with an enrolled device, set up `concurrency` employees at a time. `setupSeconds`
 * is the time for the employees and devices.
 */
export async function setUpOrganization(send, port, { employees, teamSize, zones, concurrency }) {
  const token = await signUp(send, port);
  const teams = [];
  for (let t = 0; t < Math.ceil(employees / teamSize); t++) {
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
  const enrollmentToken = await createEnrollmentToken(send, port, token);
  const enrolled = new Array(employees);
  const started = performance.now();
  await pool([...Array(employees).keys()], concurrency, async (i) => {
    enrolled[i] = await enrollEmployee(send, port, {
      token,
      enrollmentToken,
      index: i,
      fields: {
        fullName: `Bench Employee ${String(i).padStart(4, '0')}`,
        teamId: teams[Math.floor(i / teamSize)],
        timeZone: zones[i % zones.length],
      },
    });
  });
  return {
    token,
    teams,
    employees: enrolled,
    setupSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * Sends `spansOf(index)` of every employee through POST /api/v1/agent/events as agents do (gzip,
 * batches of `batchSize`), `concurrency` employees at a time; `check(answer, batchLength)` sees
 * every answer. Returns how many spans the api accepted.
 */
export async function uploadSpans(
  send,
  port,
  { employees, spansOf, batchSize, concurrency, check = () => undefined },
) {
  let accepted = 0;
  await pool(employees, concurrency, async (e, i) => {
    const events = spansOf(i);
    for (let b = 0; b < events.length; b += batchSize) {
      const batch = events.slice(b, b + batchSize);
      const gz = gzipSync(JSON.stringify({ events: batch }));
      const res = await expectOk(
        send(port, '/api/v1/agent/events', { token: e.deviceToken, body: gz, gzip: true }),
        200,
        'events',
      );
      accepted += res.accepted;
      check(res, batch.length);
    }
  });
  return accepted;
}

// ---- the reports data set (bench:reports, bench:attendance): 1,000 employees × 30 days × 100 spans

/** The time zones of the report benchmarks' employees, taken in turn. */
export const REPORT_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'UTC',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Europe/Kyiv',
];
const REPORT_APPS = [
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
  'Steam',
];
const REPORT_BROWSERS = ['Google Chrome', 'Firefox', 'Microsoft Edge'];
const REPORT_HOSTS = Array.from({ length: 40 }, (_, i) => `site${i}.example${i % 7}.com`).concat([
  'github.com',
  'mail.google.com',
  'docs.google.com',
  'www.youtube.com',
  'jira.corp.local',
  'stackoverflow.com',
  'www.reddit.com',
]);

/**
 * Employee number `index`'s spans from `firstDayMs` (a UTC midnight) on: each day a working day
 * of `spansPerDay` spans from about 08:00 UTC ± zone, gaps, 10 % idle, 40 % browser. The same
 * spans for the same index on every run.
 */
export function reportSpans(index, firstDayMs, { days, spansPerDay }) {
  const rnd = prng(index + 1);
  const events = [];
  for (let d = 0; d < days; d++) {
    let t =
      firstDayMs +
      d * 86_400_000 +
      (6 + Math.floor(rnd() * 4)) * 3_600_000 -
      (index % REPORT_ZONES.length) * 3_600_000;
    for (let i = 0; i < spansPerDay; i++) {
      const length = (60 + Math.floor(rnd() * 300)) * 1000;
      const e = {
        id: randomUUID(),
        kind: rnd() < 0.1 ? 'idle' : 'active',
        start: new Date(t).toISOString(),
        end: new Date(t + length).toISOString(),
      };
      if (e.kind === 'active') {
        if (rnd() < 0.4) {
          const host = REPORT_HOSTS[Math.floor(rnd() * rnd() * REPORT_HOSTS.length)];
          e.app = REPORT_BROWSERS[index % REPORT_BROWSERS.length];
          e.url = `https://${host}/p/${Math.floor(rnd() * 100)}`;
          e.title = `${host} – page`;
        } else {
          e.app = REPORT_APPS[Math.floor(rnd() * rnd() * REPORT_APPS.length)];
          e.title = `Document ${Math.floor(rnd() * 50)} – ${e.app}`;
        }
      }
      events.push(e);
      t += length + Math.floor(rnd() * 120) * 1000;
    }
  }
  return events;
}
