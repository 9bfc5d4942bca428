// Screenshot benchmark: drives the built server (dist/main.js) over HTTP the way agents upload
// screenshots (multipart, one request per capture, several devices at once): N employees × one
// capture every 10 minutes × 8 hours. Measures images/s and bytes/s through the API (which reads
// each JPEG, writes a WebP image and thumbnail to the store and a row), against a plain file copy
// of the same bytes with the same concurrency in the same run, the server's memory (RSS), and a
// day's playback: the list and the first thumbnails and image, which should open in ≤ 500 ms.
//
//   npm run bench:screenshots        (root or backend; builds first)
//   BENCH_EMPLOYEES=1000 BENCH_SHOTS=48 BENCH_CONCURRENCY=8 BENCH_DB=sqlite|mariadb
//   BENCH_IMAGES=12 (distinct source JPEGs of about 100 KB)  BENCH_PLAYBACK_SAMPLES=20
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  createDatabase,
  createEnrollmentToken,
  expectOk,
  fmt,
  httpClient,
  JWT_SECRET,
  median,
  percentile,
  pool,
  processCpuMs,
  signIn,
  signUp,
  startServer,
} from './support.mjs';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const SHOTS = Number(process.env.BENCH_SHOTS ?? 48);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 12);
const SAMPLES = Math.min(EMPLOYEES, Number(process.env.BENCH_PLAYBACK_SAMPLES ?? 20));
const DB = process.env.BENCH_DB ?? 'sqlite';
const PLAYBACK_THUMBNAILS = 6;
const PLAYBACK_BUDGET_MS = 500;
const WORDS = [
  'invoice',
  'customer',
  'ticket',
  'status',
  'pending',
  'resolved',
  'meeting',
  'report',
  'total',
  'amount',
  'client',
  'project',
  'deadline',
  'review',
  'update',
  'draft',
];

/** A screen-like 1920×1080 JPEG (a window of text lines), about 100 KB at quality 70. */
async function screenJpeg(seed) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">' +
    '<rect width="1920" height="1080" fill="#fafafa"/><rect width="1920" height="40" fill="#2b579a"/>' +
    '<rect y="40" width="260" height="1040" fill="#e8e8e8"/>';
  for (let y = 70; y < 1060; y += 30) {
    const words = Array.from(
      { length: 3 + Math.floor(rnd() * 8) },
      () => WORDS[Math.floor(rnd() * WORDS.length)],
    );
    svg += `<text x="${280 + Math.floor(rnd() * 40)}" y="${y}" font-family="sans-serif" font-size="13" fill="#222">${words.join(' ')}</text>`;
  }
  return sharp(Buffer.from(`${svg}</svg>`))
    .jpeg({ quality: 70 })
    .toBuffer();
}

function multipart(fields, file) {
  const boundary = `----bench${randomUUID().replace(/-/g, '')}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="shot.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port, path, { method = 'GET', token, body, contentType } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) {
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = String(body.length);
    }
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
}

async function dirBytes(dir) {
  let total = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await dirBytes(path);
      total += sub.total;
      files += sub.files;
    } else if (entry.isFile()) {
      total += (await stat(path)).size;
      files++;
    }
  }
  return { total, files };
}

async function main() {
  console.log(
    `screenshots bench: ${EMPLOYEES} employees × ${SHOTS} captures, concurrency ${CONCURRENCY}, ${DB}; ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 20)} MB RAM, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const images = [];
  for (let i = 0; i < IMAGES; i++) images.push(await screenJpeg(i + 1));
  const avg = images.reduce((n, b) => n + b.length, 0) / images.length;
  console.log(`${IMAGES} source JPEGs 1920×1080, ${fmt(avg / 1024)} KB on average`);

  const database = DB === 'mariadb' ? await createDatabase('calltimex_bench_screenshots') : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-bench-shots-'));
  const server = await startServer({
    dataDir,
    env: database ? { DATABASE_URL: database.url, JWT_SECRET, DATABASE_POOL_SIZE: '16' } : {},
    logChars: 20_000,
  });
  const { send } = httpClient({ attempts: 3 });
  const port = server.port;
  try {
    // The organization: a notice that covers screenshots, screenshots on, N employees each with a
    // device that acknowledged it.
    const ownerEmail = `owner-${randomUUID().slice(0, 8)}@bench.test`;
    let owner = await signUp(send, port, ownerEmail);
    const draft = await expectOk(
      send(port, '/api/v1/privacy/notices', {
        token: owner,
        body: { texts: { en: 'We take screenshots every 10 minutes.' }, coversScreenshots: true },
      }),
      201,
      'notice',
    );
    const { version } = await expectOk(
      send(port, `/api/v1/privacy/notices/${draft.id}/publish`, { token: owner, body: {} }),
      200,
      'publish',
    );
    await expectOk(
      send(port, '/api/v1/settings/screenshots', {
        method: 'PUT',
        token: owner,
        body: { enabled: true },
      }),
      200,
      'settings',
    );
    const enrollmentToken = await createEnrollmentToken(send, port, owner);
    const people = new Array(EMPLOYEES);
    const setupStart = Date.now();
    await pool([...Array(EMPLOYEES).keys()], CONCURRENCY, async (i) => {
      const email = `shots-${i}-${randomUUID().slice(0, 6)}@bench.test`;
      const employee = await expectOk(
        send(port, '/api/v1/employees', {
          token: owner,
          body: { fullName: `Bench Person ${i}`, email },
        }),
        201,
        'employee',
      );
      const { deviceToken } = await expectOk(
        send(port, '/api/v1/agent/enroll', {
          body: {
            enrollmentToken,
            employeeEmail: email,
            hostname: `ws-${i}`,
            os: 'Linux',
            agentVersion: 'bench',
          },
        }),
        201,
        'enroll',
      );
      await expectOk(
        send(port, '/api/v1/agent/notice/acknowledgements', {
          token: deviceToken,
          body: { version },
        }),
        201,
        'acknowledge',
      );
      people[i] = { id: employee.id, deviceToken };
    });
    console.log(
      `set-up: ${EMPLOYEES} employees and devices in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`,
    );

    // Yesterday 09:00–17:00 UTC, one capture every 10 minutes.
    const day = new Date(Date.now() - 86_400_000);
    day.setUTCHours(9, 0, 0, 0);
    const work = [];
    for (let s = 0; s < SHOTS; s++) {
      for (let e = 0; e < EMPLOYEES; e++) work.push({ e, s, image: (e + s) % IMAGES });
    }
    const bytesIn = work.reduce((n, w) => n + images[w.image].length, 0);

    // Baseline: the same bytes copied file to file, same concurrency.
    const copyDir = mkdtempSync(join(tmpdir(), 'ctx-bench-copy-'));
    const srcDir = join(copyDir, 'src');
    await mkdir(srcDir);
    for (let i = 0; i < IMAGES; i++) await writeFile(join(srcDir, `${i}.jpg`), images[i]);
    const copyStart = process.hrtime.bigint();
    await pool(work, CONCURRENCY, async (w, i) => {
      const dir = join(copyDir, 'dst', String(w.e));
      await mkdir(dir, { recursive: true });
      await copyFile(join(srcDir, `${w.image}.jpg`), join(dir, `${i}.jpg`));
    });
    const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;
    await rm(copyDir, { recursive: true, force: true });

    // Through the API.
    const rssBefore = rssMb(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid));
    }, 200);
    const cpuBefore = processCpuMs(server.pid);
    const latencies = [];
    const statuses = {};
    const apiStart = process.hrtime.bigint();
    await pool(work, CONCURRENCY, async (w) => {
      const person = people[w.e];
      const { body, contentType } = multipart(
        { id: randomUUID(), capturedAt: new Date(day.getTime() + w.s * 600_000).toISOString() },
        images[w.image],
      );
      const t = process.hrtime.bigint();
      const res = await request(port, '/api/v1/agent/screenshots', {
        method: 'POST',
        token: person.deviceToken,
        body,
        contentType,
      });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 201)
        throw new Error(`upload: ${res.status} ${res.body.toString().slice(0, 300)}`);
    });
    const apiSeconds = Number(process.hrtime.bigint() - apiStart) / 1e9;
    clearInterval(sampler);
    const cpuMs = processCpuMs(server.pid) - cpuBefore;
    const rssAfter = rssMb(server.pid);
    const stored = await dirBytes(join(dataDir, 'files', 'screenshots'));

    const n = work.length;
    const apiRate = n / apiSeconds;
    const copyRate = n / copySeconds;
    console.log('\nupload and storage');
    console.log(
      `  images               ${fmt(n)} (${fmt(bytesIn / 2 ** 20)} MB of JPEG in), statuses ${JSON.stringify(statuses)}`,
    );
    console.log(
      `  API                  ${apiRate.toFixed(1)} images/s, ${(bytesIn / apiSeconds / 2 ** 20).toFixed(2)} MB/s, ${apiSeconds.toFixed(1)} s; latency p50 ${fmt(median(latencies))} ms, p95 ${fmt(percentile(latencies, 95))} ms; server CPU ${(cpuMs / n).toFixed(1)} ms per image`,
    );
    console.log(
      `  file copy baseline   ${fmt(copyRate)} images/s, ${(bytesIn / copySeconds / 2 ** 20).toFixed(1)} MB/s, ${copySeconds.toFixed(2)} s`,
    );
    console.log(
      `  ratio                the API takes ${(copyRate / apiRate).toFixed(0)}× the time of a plain copy`,
    );
    console.log(
      `  stored               ${fmt(stored.files)} files, ${fmt(stored.total / 2 ** 20)} MB (WebP image + thumbnail), ${fmt(stored.total / n / 1024)} KB per capture`,
    );
    console.log(
      `  server RSS           ${fmt(rssBefore)} MB before, ${fmt(rssPeak)} MB peak, ${fmt(rssAfter)} MB after`,
    );
    const full = (1000 * 48) / apiRate;
    console.log(
      `  1,000 × 48 at this rate: ${(full / 60).toFixed(0)} min for a day of 1,000 employees (${((1000 * 48) / 28_800).toFixed(1)} images/s arrive during 8 working hours)`,
    );

    // Playback: a day's list, then the first thumbnails and the first image, as the console opens it.
    // The upload of a full day outlives the first access token: sign in again, as a person would.
    owner = await signIn(send, port, ownerEmail);
    const from = encodeURIComponent(new Date(day.getTime() - 1000).toISOString());
    const to = encodeURIComponent(new Date(day.getTime() + 9 * 3_600_000).toISOString());
    const playback = [];
    for (let i = 0; i < SAMPLES; i++) {
      const person = people[Math.floor((i * EMPLOYEES) / SAMPLES)];
      const t = process.hrtime.bigint();
      const list = await request(
        port,
        `/api/v1/screenshots?employeeId=${person.id}&from=${from}&to=${to}&limit=200`,
        { token: owner },
      );
      if (list.status !== 200) throw new Error(`list: ${list.status} ${list.body}`);
      const items = JSON.parse(list.body.toString()).items;
      if (items.length !== SHOTS) throw new Error(`list: ${items.length} items, expected ${SHOTS}`);
      const opened = await Promise.all([
        request(port, `/api/v1/screenshots/${items[0].id}/image`, { token: owner }),
        ...items
          .slice(0, PLAYBACK_THUMBNAILS)
          .map((it) => request(port, `/api/v1/screenshots/${it.id}/thumbnail`, { token: owner })),
      ]);
      if (opened.some((r) => r.status !== 200)) throw new Error('playback: an image did not open');
      playback.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const within = playback.filter((ms) => ms <= PLAYBACK_BUDGET_MS).length;
    console.log('\nplayback (list of the day + first image + first 6 thumbnails)');
    console.log(
      `  ${SAMPLES} employees: p50 ${fmt(median(playback))} ms, p95 ${fmt(percentile(playback, 95))} ms, max ${fmt(Math.max(...playback))} ms; ${within}/${SAMPLES} within ${PLAYBACK_BUDGET_MS} ms`,
    );
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (database) await database.drop();
    agent.destroy();
  }
}

await main();
