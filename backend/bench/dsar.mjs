// Access-request (DSAR) benchmark: one employee with 90 days x 1,000 spans, seeded through the
// ingestion service of the built api; then an access request filed over HTTP is timed from filing
// to the completed ZIP (and the download). Fails when the ZIP takes longer than 10 s.
//
//   npm run bench:dsar              (root or backend; builds first)
//   BENCH_DAYS=90 BENCH_SPANS_PER_DAY=1000 BENCH_LIMIT_MS=10000
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './support.mjs';

const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const PER_DAY = Number(process.env.BENCH_SPANS_PER_DAY ?? 1000);
const LIMIT_MS = Number(process.env.BENCH_LIMIT_MS ?? 10_000);
const BATCH = 5000;

const { loadConfig } = await import('../dist/config/load-config.js');
const { createApp } = await import('../dist/configure-app.js');
const { IngestionService } =
  await import('../dist/modules/activity/ingestion/ingestion.service.js');
const { DeviceAuthService } = await import('../dist/modules/agent/device-auth.service.js');
const { DataSource } = await import('typeorm');

const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-dsar-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
  LOG_LEVEL: 'silent',
  WORKER_HEALTH_PORT: '0',
});
const app = await createApp(config);
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();

async function api(method, path, token, body) {
  const res = await fetch(`${base.replace('[::1]', '127.0.0.1')}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  if (res.status >= 400)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(payload)}`);
  return payload;
}

try {
  const owner = await api('POST', '/auth/signup', null, {
    organizationName: 'Bench Org',
    fullName: 'Bench Owner',
    email: `owner-${randomUUID().slice(0, 8)}@bench.test`,
    password: 'correct-horse-battery-staple-42',
  });
  const token = owner.accessToken;
  const employee = await api('POST', '/employees', token, {
    fullName: 'Dana Benchmark',
    email: `dana-${randomUUID().slice(0, 8)}@bench.test`,
  });
  const enrollment = await api('POST', '/agent/enrollment-tokens', token, {});
  const device = await api('POST', '/agent/enroll', null, {
    enrollmentToken: enrollment.token,
    employeeEmail: employee.email,
    hostname: 'bench-ws',
    os: 'Linux',
    agentVersion: '1.0.0',
  });
  const session = await app.get(DeviceAuthService).authenticate(device.deviceToken, null);
  const ingestion = app.get(IngestionService);

  const seedStart = performance.now();
  const dayMs = 24 * 60 * 60 * 1000;
  const firstDay = Math.floor(Date.now() / dayMs) * dayMs - (DAYS + 1) * dayMs;
  const stepMs = Math.floor((16 * 60 * 60 * 1000) / PER_DAY);
  let events = [];
  let total = 0;
  for (let d = 0; d < DAYS; d++) {
    const dayStart = firstDay + d * dayMs + 7 * 60 * 60 * 1000;
    for (let i = 0; i < PER_DAY; i++) {
      const start = dayStart + i * stepMs;
      const n = d * PER_DAY + i;
      const browser = n % 3 === 0;
      events.push({
        id: randomUUID(),
        kind: n % 10 === 9 ? 'idle' : 'active',
        start: new Date(start).toISOString(),
        end: new Date(start + stepMs - 1000).toISOString(),
        ...(n % 10 === 9
          ? {}
          : browser
            ? {
                app: 'Firefox',
                url: `https://site${n % 50}.example.com/p/${n}`,
                title: `Page ${n} – Firefox`,
              }
            : { app: `App${n % 20}`, title: `Document ${n}.txt – App${n % 20}` }),
      });
      if (events.length === BATCH) {
        const r = await ingestion.ingest(session, { events });
        total += r.accepted;
        events = [];
      }
    }
  }
  if (events.length > 0) total += (await ingestion.ingest(session, { events })).accepted;
  const seedMs = performance.now() - seedStart;
  // Let the rollups of the seeded days finish, so they do not compete with the export.
  const ds = app.get(DataSource);
  for (let i = 0; i < 600; i++) {
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM activity_dirty_days');
    if (Number(n) === 0) break;
    await sleep(100);
  }

  if (process.env.BENCH_PROFILE) {
    const { ActivityReadModel } =
      await import('../dist/modules/activity/read-model/activity-read-model.js');
    const activity = app.get(ActivityReadModel);
    const r0 = performance.now();
    let rows = 0;
    for await (const page of activity.personSpans(employee.id, 'replica')) rows += page.length;
    console.log(`read ${rows} spans in pages: ${((performance.now() - r0) / 1000).toFixed(2)} s`);
  }

  const t0 = performance.now();
  const filed = await api('POST', '/privacy/requests', token, {
    type: 'access',
    employeeId: employee.id,
  });
  let request;
  for (;;) {
    request = await api('GET', `/privacy/requests/${filed.id}`, token);
    if (request.status === 'completed' || request.status === 'rejected') break;
    await sleep(20);
  }
  const zipMs = performance.now() - t0;
  const zip = await api('GET', request.downloadUrl.replace('/api/v1', ''), token);
  const totalMs = performance.now() - t0;

  const figures = {
    spans: total,
    days: DAYS,
    seedSeconds: +(seedMs / 1000).toFixed(1),
    status: request.status,
    zipSeconds: +(zipMs / 1000).toFixed(2),
    withDownloadSeconds: +(totalMs / 1000).toFixed(2),
    zipMegabytes: +(zip.length / 1024 / 1024).toFixed(1),
    limitSeconds: LIMIT_MS / 1000,
    database: config.database.type,
    node: process.version,
  };
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    `DSAR ZIP for ${total.toLocaleString('en')} spans: ${figures.zipSeconds} s (limit ${figures.limitSeconds} s), ${figures.zipMegabytes} MB`,
  );
  if (request.status !== 'completed' || zipMs > LIMIT_MS) process.exitCode = 1;
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
