import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ActivityScript } from '../src/core/adapters/scripted.js';
import { BackendProcess, freePort } from './support/backend-process.js';
import { FaultProxy } from './support/fault-proxy.js';
import { api } from './support/json-api.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const SPEED = '1500';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function lastTickAt(spoolFile: string): number {
  try {
    const db = new Database(spoolFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM kv WHERE key = 'lastTickAt'").get() as
        { value: string } | undefined;
      return row ? Number(row.value) : 0;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the CLI agent against the real backend', () => {
  const work = mkdtempSync(join(tmpdir(), 'ctx-agent-e2e-'));
  let backend: BackendProcess;
  let proxy: FaultProxy;
  let proxyUrl: string;
  const agents: ChildProcess[] = [];
  let ownerToken = '';

  beforeAll(async () => {
    backend = new BackendProcess(await freePort(), join(work, 'server-data'));
    await backend.start();
    proxy = new FaultProxy(() => backend.url);
    proxyUrl = await proxy.start();
    const owner = await api<{ accessToken: string }>(
      'POST',
      `${backend.url}/api/v1/auth/signup`,
      null,
      {
        organizationName: 'Acme',
        fullName: 'Olga Owner',
        email: 'owner@acme.test',
        password: 'correct-horse-battery-staple-1',
      },
    );
    ownerToken = owner.accessToken;
  });

  afterAll(async () => {
    for (const agent of agents) if (agent.exitCode === null) agent.kill('SIGKILL');
    await proxy?.stop();
    await backend?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('delivers a scripted day exactly, through an outage, faults and two kill -9s', async () => {
    const server = `${backend.url}/api/v1`;
    const employee = await api<{ id: string }>('POST', `${server}/employees`, ownerToken, {
      fullName: 'Ann Agent',
      email: 'ann@acme.test',
    });
    const enrollment = await api<{ token: string }>(
      'POST',
      `${server}/agent/enrollment-tokens`,
      ownerToken,
      {},
    );

    // The organization publishes a monitoring notice: the server refuses activity until it is
    // acknowledged, and the agent records nothing before that.
    const draft = await api<{ id: string }>('POST', `${server}/privacy/notices`, ownerToken, {
      texts: { en: 'We record active time, apps and sites.', uk: 'Ми записуємо активний час.' },
    });
    await api('POST', `${server}/privacy/notices/${draft.id}/publish`, ownerToken, {});

    const home = join(work, 'agent-home');
    const enrolled = await cli([
      'enroll',
      '--home',
      home,
      '--server',
      proxyUrl,
      '--token',
      enrollment.token,
      '--email',
      'ann@acme.test',
    ]);
    expect(enrolled).toMatchObject({ code: 0 });
    expect(enrolled.stdout).toContain('enrolled as device');

    // Yesterday, 08:00 UTC: in the past, as the server requires.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const script: ActivityScript = {
      start: `${day}T08:00:00.000Z`,
      segments: [
        { seconds: 3000, kind: 'active', app: 'code', title: 'main.ts' },
        {
          seconds: 1200,
          kind: 'active',
          app: 'firefox',
          title: 'Guide',
          url: 'https://docs.example.com/guide',
        },
        { seconds: 900, kind: 'idle' },
        { seconds: 2100, kind: 'active', app: 'slack', title: 'general' },
        { seconds: 3600, kind: 'off' },
        { seconds: 5400, kind: 'active', app: 'code', title: 'api.ts' },
        { seconds: 480, kind: 'idle' },
        { seconds: 2400, kind: 'active', app: 'terminal', title: 'bash' },
        {
          seconds: 1500,
          kind: 'active',
          app: 'firefox',
          title: 'PR',
          url: 'https://github.com/acme/repo/pull/1',
        },
        { seconds: 1800, kind: 'active', app: 'code', title: 'main.ts' },
      ],
    };
    const scriptFile = join(work, 'day.json');
    writeFileSync(scriptFile, JSON.stringify(script));
    const dayStart = Date.parse(script.start);
    const dayEnd = dayStart + 22_380_000;
    const progress = () =>
      (lastTickAt(join(home, 'spool.sqlite')) - dayStart) / (dayEnd - dayStart);

    const startAgent = () => {
      const child = spawn(
        process.execPath,
        [CLI, 'run', '--home', home, '--script', scriptFile, '--speed', SPEED, '--accept'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      agents.push(child);
      const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })),
      );
      return { child, exited };
    };

    let agent = startAgent();
    await until(() => progress() > 0.15, 'the first part of the day');
    await backend.stop();
    await until(() => progress() > 0.3, 'the day to go on offline');
    agent.child.kill('SIGKILL');
    await agent.exited;
    agent = startAgent();
    await until(() => progress() > 0.5, 'the day to resume after the first kill');
    await backend.start();
    await until(() => progress() > 0.7, 'uploads to resume');
    agent.child.kill('SIGKILL');
    await agent.exited;
    agent = startAgent();
    const finished = await agent.exited;
    expect({ code: finished.code, stderr: finished.code === 0 ? '' : finished.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(JSON.parse(finished.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      finished: true,
      queued: 0,
    });

    // The faults really happened (the counters are listed when one did not).
    const stats = proxy.stats;
    expect(Object.keys(stats).filter((k) => stats[k as keyof typeof stats] === 0)).toEqual([]);

    const summary = await api<{ rows: Array<Record<string, unknown>> }>(
      'GET',
      `${server}/reports/summary?from=${day}&to=${day}`,
      ownerToken,
    );
    expect(summary.rows).toHaveLength(1);
    const row = summary.rows[0]!;
    expect(row).toMatchObject({
      employeeId: employee.id,
      activeSeconds: 17_400,
      idleSeconds: 1380,
    });
    expect(Date.parse(String(row.firstActivityAt))).toBe(dayStart);
    expect(Date.parse(String(row.lastActivityAt))).toBe(dayEnd);
    expect(
      Number(row.productiveSeconds) + Number(row.neutralSeconds) + Number(row.unproductiveSeconds),
    ).toBe(17_400);

    const usage = await api<{ rows: Array<{ kind: string; name: string; seconds: number }> }>(
      'GET',
      `${server}/reports/usage?from=${day}&to=${day}`,
      ownerToken,
    );
    const byName = Object.fromEntries(usage.rows.map((r) => [`${r.kind}:${r.name}`, r.seconds]));
    expect(byName).toMatchObject({
      'app:code': 10_200,
      'app:slack': 2100,
      'app:terminal': 2400,
      'site:docs.example.com': 1200,
      'site:github.com': 1500,
    });

    const status = await cli(['status', '--home', home, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      spool: { queued: 0, rejected: 0, dropped: 0 },
      employeeEmail: 'ann@acme.test',
    });
  }, 240_000);

  it('runs in real time and delivers its open span when stopped with SIGTERM', async () => {
    const server = `${backend.url}/api/v1`;
    const employee = await api<{ id: string }>('POST', `${server}/employees`, ownerToken, {
      fullName: 'Rita Realtime',
      email: 'rita@acme.test',
    });
    const { token } = await api<{ token: string }>(
      'POST',
      `${server}/agent/enrollment-tokens`,
      ownerToken,
      {},
    );
    const home = join(work, 'realtime-home');
    const enroll = ['enroll', '--home', home, '--server', backend.url, '--token', token];
    expect(await cli([...enroll, '--email', 'rita@acme.test'])).toMatchObject({ code: 0 });
    // Whether or not the organization has a notice, this reads and acknowledges it.
    const notice = await cli(['notice', '--home', home, '--accept']);
    expect(notice.code).toBe(0);
    expect(notice.stdout).toContain('We record active time, apps and sites.');
    expect(notice.stdout).toContain('acknowledged');

    const child = spawn(process.execPath, [CLI, 'run', '--home', home], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No X display here: the agent records active time without application names.
      env: { ...process.env, DISPLAY: '' },
    });
    agents.push(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const started = Date.now();
    await until(() => stderr.includes('agent started'), 'the agent to start', 30_000);
    await new Promise((r) => setTimeout(r, 12_000));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const ranSeconds = (Date.now() - started) / 1000;

    const today = new Date().toISOString().slice(0, 10);
    const summary = await api<{ rows: Array<Record<string, unknown>> }>(
      'GET',
      `${server}/reports/summary?from=${today}&to=${today}`,
      ownerToken,
    );
    const row = summary.rows.find((r) => r.employeeId === employee.id);
    expect(row).toBeDefined();
    expect(Number(row!.activeSeconds)).toBeGreaterThanOrEqual(5);
    expect(Number(row!.activeSeconds)).toBeLessThanOrEqual(Math.ceil(ranSeconds));
    const status = await cli(['status', '--home', home, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ spool: { queued: 0 } });
  }, 120_000);
});
