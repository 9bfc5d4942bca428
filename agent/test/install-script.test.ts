import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendProcess, freePort } from './support/backend-process.js';
import { curlOnlyPath } from './support/curl-only-machine.js';
import { VirtualDisplay } from './support/xvfb.js';
import { api } from './support/json-api.js';

/**
 * "A Linux machine with only curl and the install script gets a running, enrolled agent": the
 * script runs with a PATH that holds curl, a shell and coreutils but no Node.js, in an empty home,
 * against the real backend serving the bundle the agent build wrote.
 */

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(script: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${script}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('install.sh from the server', () => {
  const work = mkdtempSync(join(tmpdir(), 'ctx-install-'));
  const home = join(work, 'home');
  let backend: BackendProcess;
  let screen: VirtualDisplay;
  let owner = '';
  let token = '';
  let env: NodeJS.ProcessEnv;
  let api1 = '';

  beforeAll(async () => {
    screen = await VirtualDisplay.start();
    backend = new BackendProcess(await freePort(), join(work, 'server-data'));
    await backend.start();
    api1 = `${backend.url}/api/v1`;
    owner = (
      await api<{ accessToken: string }>('POST', `${api1}/auth/signup`, null, {
        organizationName: 'Acme',
        fullName: 'Olga Owner',
        email: 'owner@acme.test',
        password: 'correct-horse-battery-staple-1',
      })
    ).accessToken;
    await api('POST', `${api1}/employees`, owner, {
      fullName: 'Ann Linux',
      email: 'ann@acme.test',
    });
    token = (await api<{ token: string }>('POST', `${api1}/agent/enrollment-tokens`, owner, {}))
      .token;
    mkdirSync(home, { recursive: true });
    env = { HOME: home, PATH: curlOnlyPath(join(work, 'bin')), DISPLAY: screen.display, LANG: 'C' };
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    screen?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('offers the bundle with its SHA-256, and the bytes match it', async () => {
    const { items } = await api<{
      items: { file: string; platform: string; sha256: string; url: string }[];
    }>('GET', `${api1}/agent/downloads`, null);
    const bundle = items.find((d) => d.platform === `linux-${process.arch}`);
    expect(bundle?.file).toMatch(/^calltimex-agent-\d+\.\d+\.\d+-linux-(x64|arm64)\.tar\.gz$/);
    const response = await fetch(`${backend.url}${bundle!.url}`);
    expect(response.headers.get('x-checksum-sha256')).toBe(bundle!.sha256);
    const bytes = Buffer.from(await response.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(bundle!.sha256);
  });

  it('refuses a download whose SHA-256 does not match, and installs nothing', async () => {
    const script = await (await fetch(`${api1}/agent/install.sh`)).text();
    const tampered = script.replace(
      /^SHA256_(X64|ARM64)='[0-9a-f]{64}'$/gm,
      `SHA256_$1='${'0'.repeat(64)}'`,
    );
    expect(tampered).not.toBe(script);
    const file = join(work, 'tampered.sh');
    writeFileSync(file, tampered);
    const run = await sh(`sh ${file} --token ${token} --email ann@acme.test`, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SHA-256');
    expect(existsSync(join(home, '.local', 'share', 'calltimex-agent'))).toBe(false);
  });

  it('with only curl: installs, enrolls, starts, and the agent records the screen', async () => {
    const run = await sh(
      `curl -fsSL ${api1}/agent/install.sh | sh -s -- --token ${token} --email ann@acme.test`,
      env,
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('enrolling this computer for ann@acme.test');
    expect(run.stdout).toContain('(autostart)');

    const agent = join(home, '.local', 'bin', 'calltimex-agent');
    const autostart = readFileSync(
      join(home, '.config', 'autostart', 'calltimex-agent.desktop'),
      'utf8',
    );
    expect(autostart).toContain(`Exec=${agent} run`);

    const devices = await api<{
      items: { hostname: string; agentVersion: string; status: string }[];
    }>('GET', `${api1}/agent/devices`, owner);
    expect(devices.items).toHaveLength(1);
    expect(devices.items[0]).toMatchObject({ status: 'active', agentVersion: '0.1.0' });

    // Started in the background: `status` says it runs (exit 0) once it has taken its lock.
    let status: Run = { code: null, stdout: '', stderr: '' };
    for (let i = 0; i < 100; i++) {
      status = await sh(`${agent} status --json`, env);
      if (status.code === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status.code).toBe(0);
    const state = JSON.parse(status.stdout) as {
      agent: { running: boolean; pid: number };
      employeeEmail: string;
    };
    expect(state.agent.running).toBe(true);
    expect(state.employeeEmail).toBe('ann@acme.test');

    // Something happens on the screen; uninstall stops the agent with SIGTERM, which uploads it.
    const window = await screen.openWindow('InstallCheck', 'Quarterly plan');
    await screen.focus(window);
    // Two samples after the focus (5 s apart by default): the window's span is at least 5 s long.
    const focusedAt = Date.now();
    const samples = new Set<number>();
    for (let i = 0; i < 120 && samples.size < 2; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await sh(`${agent} status --json`, env);
      const tick = (JSON.parse(now.stdout) as { spool: { lastTickAt: number | null } }).spool
        .lastTickAt;
      if (tick !== null && tick > focusedAt) samples.add(tick);
    }
    expect(samples.size).toBe(2);

    const removal = await sh(`${agent} uninstall`, env, 60_000);
    expect({ code: removal.code, stderr: removal.stderr }).toEqual({ code: 0, stderr: '' });
    expect(removal.stdout).toContain('the CallTimeX agent is uninstalled');
    expect(alive(state.agent.pid)).toBe(false);
    window.close();

    const today = new Date().toISOString().slice(0, 10);
    const usage = await api<{ rows: { kind: string; name: string; seconds: number }[] }>(
      'GET',
      `${api1}/reports/usage?from=${today}&to=${today}`,
      owner,
    );
    const app = usage.rows.find((r) => r.kind === 'app' && r.name === 'InstallCheck');
    expect(app?.seconds).toBeGreaterThanOrEqual(3);

    // Nothing of it is left in the home directory.
    const left = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
    expect(left(join(home, '.local', 'share'))).toEqual([]);
    expect(left(join(home, '.local', 'bin'))).toEqual([]);
    expect(left(join(home, '.config', 'autostart'))).toEqual([]);
    expect(existsSync(join(home, '.config', 'calltimex-agent'))).toBe(false);
  }, 180_000);

  it('explains what is missing instead of installing half', async () => {
    const noToken = await sh(
      `curl -fsSL ${api1}/agent/install.sh | sh -s -- --email ann@acme.test`,
      env,
    );
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('an enrollment token is needed');
    const unknown = await sh(
      `curl -fsSL ${api1}/agent/install.sh | sh -s -- --token ${token} --email nobody@acme.test`,
      env,
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('enrollment failed (see above): nothing was installed');
    expect(existsSync(join(home, '.local', 'share', 'calltimex-agent'))).toBe(false);
    expect(existsSync(join(home, '.local', 'bin', 'calltimex-agent'))).toBe(false);
  });
});
