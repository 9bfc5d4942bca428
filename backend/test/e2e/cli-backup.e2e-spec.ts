import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from './server-process.js';

const BACKEND_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DEVICES = 3;
const EVENTS_PER_BATCH = 10;
const EVENT_SECONDS = 30;
const BATCH_SECONDS = EVENTS_PER_BATCH * EVENT_SECONDS;
// An upper bound only: feeding stops once every device has had a batch acknowledged after the backup.
// 5,000 batches of 300 s reach 17.4 days, inside the 20 days the spans start back.
const MAX_BATCHES = 5_000;

/** `node dist/cli.js …` as IT runs it, with the server's DATA_DIR. */
function runCli(args: string[], dataDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], {
      cwd: BACKEND_DIR,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

interface Batch {
  postedAt: number;
  ackedAt: number | null;
}

describe('cli backup of a running embedded server, restored into a fresh DATA_DIR', () => {
  let source: RunningServer;
  let restored: RunningServer | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'ctx-e2e-backup-'));
  let owner: string;
  const devices: { employeeId: string; token: string }[] = [];
  // Spans start 20 days ago, 30 s each, back to back: a batch is 300 s of active time.
  const base = Math.floor((Date.now() - 20 * 86_400_000) / 60_000) * 60_000;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = `from=${day(base - 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;

  async function call(url: string, method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  async function activeSeconds(url: string): Promise<Map<string, number>> {
    const res = await call(url, 'GET', `/reports/summary?${range}`, owner);
    expect(res.status).toBe(200);
    const rows = res.body.rows as { employeeId: string; activeSeconds: number }[];
    return new Map(rows.map((r) => [r.employeeId, r.activeSeconds]));
  }

  beforeAll(async () => {
    source = await startServer();
    const signup = await call(source.url, 'POST', '/auth/signup', undefined, {
      organizationName: 'Backup Org',
      fullName: 'Bea Backup',
      email: `owner-${randomUUID().slice(0, 8)}@e2e.test`,
      password: 'correct-horse-battery-staple-42',
    });
    expect(signup.status).toBe(201);
    owner = String(signup.body.accessToken);
    for (let d = 0; d < DEVICES; d++) {
      const employee = await call(source.url, 'POST', '/employees', owner, {
        fullName: `Ingesting Person ${d}`,
        email: `person-${d}-${randomUUID().slice(0, 8)}@e2e.test`,
      });
      expect(employee.status).toBe(201);
      const enrollment = await call(source.url, 'POST', '/agent/enrollment-tokens', owner, {});
      const device = await call(source.url, 'POST', '/agent/enroll', undefined, {
        enrollmentToken: enrollment.body.token,
        employeeEmail: employee.body.email,
        hostname: `ws-${d}`,
        os: 'Linux',
        agentVersion: '1.0.0',
      });
      expect(device.status).toBe(201);
      devices.push({
        employeeId: String(employee.body.id),
        token: String(device.body.deviceToken),
      });
    }
  });

  afterAll(async () => {
    await source?.stop();
    await restored?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('holds every batch acknowledged before it started, no partial batch, and serves the same report', async () => {
    const log: Batch[][] = devices.map(() => []);
    const failures: string[] = [];
    let stop = false;
    // One agent per device, each sending its next batch once the previous one is acknowledged.
    const feed = async (d: number) => {
      for (let k = 0; !stop && k < MAX_BATCHES; k++) {
        const batch: Batch = { postedAt: Date.now(), ackedAt: null };
        log[d].push(batch);
        const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
          const start = base + (k * EVENTS_PER_BATCH + i) * EVENT_SECONDS * 1000;
          return {
            id: randomUUID(),
            kind: 'active',
            start: new Date(start).toISOString(),
            end: new Date(start + EVENT_SECONDS * 1000).toISOString(),
            app: 'Editor',
            title: `Document ${k}-${i}`,
          };
        });
        const res = await call(source.url, 'POST', '/agent/events', devices[d].token, { events });
        if (res.status !== 200 || res.body.accepted !== EVENTS_PER_BATCH) {
          failures.push(`device ${d} batch ${k}: ${res.status} ${JSON.stringify(res.body)}`);
          return;
        }
        batch.ackedAt = Date.now();
      }
    };
    const feeders = devices.map((_, d) => feed(d));
    await new Promise((r) => setTimeout(r, 1500));

    const backupDir = join(scratch, 'backup');
    const backupStartedAt = Date.now();
    const backup = await runCli(['backup', backupDir], source.dataDir);
    const backupEndedAt = Date.now();
    expect(backup).toMatchObject({ code: 0 });
    // Ingestion goes on after the backup: each device gets a batch acknowledged that was posted
    // after it ended (a fast machine could otherwise finish every batch before the snapshot).
    const fedAfterBackup = () =>
      log.every((batches) => batches.some((b) => b.ackedAt !== null && b.postedAt > backupEndedAt));
    for (
      let waited = 0;
      !fedAfterBackup() && failures.length === 0 && waited < 30_000;
      waited += 50
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    stop = true;
    await Promise.all(feeders);
    expect(failures).toEqual([]);
    expect(fedAfterBackup()).toBe(true);

    const restoredDir = join(scratch, 'restored');
    const restore = await runCli(['restore', backupDir], restoredDir);
    expect(restore).toMatchObject({ code: 0 });
    restored = await startServer({ DATA_DIR: restoredDir });

    // The restored installation kept its secrets: the source's access token works there.
    const restoredSeconds = await activeSeconds(restored.url);
    const sourceSeconds = await activeSeconds(source.url);
    let restoredTotal = 0;
    let sourceTotal = 0;
    devices.forEach((device, d) => {
      const batches = log[d];
      const seconds = restoredSeconds.get(device.employeeId) ?? 0;
      // A whole number of batches: no batch is in the backup with only some of its events.
      expect(seconds % BATCH_SECONDS).toBe(0);
      const held = seconds / BATCH_SECONDS;
      const ackedBefore = batches.filter((b) => b.ackedAt !== null && b.ackedAt < backupStartedAt);
      const postedBeforeEnd = batches.filter((b) => b.postedAt < backupEndedAt);
      expect(ackedBefore.length).toBeGreaterThan(0);
      expect(held).toBeGreaterThanOrEqual(ackedBefore.length);
      expect(held).toBeLessThanOrEqual(postedBeforeEnd.length);
      // The source holds everything it acknowledged.
      expect(sourceSeconds.get(device.employeeId)).toBe(
        batches.filter((b) => b.ackedAt !== null).length * BATCH_SECONDS,
      );
      restoredTotal += seconds;
      sourceTotal += sourceSeconds.get(device.employeeId) ?? 0;
    });
    // Ingestion went on during and after the backup: the source is ahead of the snapshot.
    expect(sourceTotal).toBeGreaterThan(restoredTotal);

    // The restored server is a working installation: it takes new batches for the same devices.
    const more = await call(restored.url, 'POST', '/agent/events', devices[0].token, {
      events: [
        {
          id: randomUUID(),
          kind: 'active',
          start: new Date(Date.now() - 3_600_000).toISOString(),
          end: new Date(Date.now() - 3_600_000 + 60_000).toISOString(),
          app: 'Editor',
          title: 'After restore',
        },
      ],
    });
    expect(more.status).toBe(200);
    expect((await activeSeconds(restored.url)).get(devices[0].employeeId)).toBe(
      (restoredSeconds.get(devices[0].employeeId) ?? 0) + 60,
    );
  });
});
