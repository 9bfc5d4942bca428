import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireEvent } from '../src/core/types.js';
import { FakeServer, json } from './support/fake-server.js';
import { VirtualDisplay } from './support/xvfb.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function exited(child: ChildProcess, out: { stdout: string; stderr: string }): Promise<Done> {
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, ...out })),
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The headless agent as a real child process on a real X display: status tells whether it runs,
// SIGTERM ends the open span, uploads it and exits 0 within the pinned 15 s — also when the
// server does not answer, keeping what was not sent.
describe('calltimex-agent run / status / SIGTERM', () => {
  let screen: VirtualDisplay;
  const server = new FakeServer();
  let url = '';
  let home = '';
  const stored = new Map<string, WireEvent>();
  let hangEvents = false;
  const children: ChildProcess[] = [];

  function cli(args: string[]): { child: ChildProcess; done: Promise<Done> } {
    const child = spawn(process.execPath, [CLI, ...args, '--home', home], {
      env: { ...screen.env, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    return { child, done: exited(child, out) };
  }

  beforeAll(async () => {
    screen = await VirtualDisplay.start();
    url = await server.start();
    home = mkdtempSync(join(tmpdir(), 'ctx-cli-'));
    server.handler = (req, res) => {
      if (req.url === '/api/v1/agent/enroll') {
        return json(res, 201, { deviceId: 'device-1', deviceToken: 'device-secret' });
      }
      if (req.url === '/api/v1/agent/events') {
        if (hangEvents) return; // never answers
        const { events } = JSON.parse(req.body) as { events: WireEvent[] };
        for (const e of events) {
          const before = stored.get(e.id);
          if (!before || (before.rev ?? 0) < (e.rev ?? 0)) stored.set(e.id, e);
        }
        return json(res, 200, { accepted: events.length, duplicates: 0, rejected: [] });
      }
      if (req.url === '/api/v1/agent/config') {
        return json(res, 200, { collectTitles: true, urlMode: 'host' });
      }
      return json(res, 404, { status: 404, title: 'Not Found', detail: req.url });
    };
    const enrolled = await cli(['enroll', '--server', url, '--token', 't', '--email', 'a@x.test'])
      .done;
    expect(enrolled.code).toBe(0);
    // Samples every 0.25 s, the span in progress sent every second.
    const configFile = join(home, 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    config.sampling = {
      intervalSeconds: 0.25,
      idleThresholdSeconds: 60,
      maxSpanSeconds: 900,
      publishSeconds: 1,
    };
    writeFileSync(configFile, JSON.stringify(config));
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    screen?.stop();
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('says no agent runs before one was started', async () => {
    const status = await cli(['status']).done;
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/^agent: +not running$/m);
  });

  it('runs, reports itself running, and on SIGTERM ends the open span, uploads it and exits 0', async () => {
    const editor = await screen.openWindow('Editor', 'notes.md — Editor');
    await screen.focus(editor);
    await screen.movePointer(50, 50);
    const run = cli(['run']);
    await until(() => [...stored.values()].some((e) => e.app === 'Editor'), 'a first upload');

    // A second agent on the same home is refused, naming the first.
    const second = await cli(['run']).done;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`an agent already runs with ${home}: pid ${run.child.pid}`);

    const status = await cli(['status']).done;
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`^agent: +running \\(pid ${run.child.pid} since `, 'm'),
    );
    expect(status.stdout).toMatch(/^last upload: +\d{4}-\d\d-\d\dT.* \(\d+ s ago\)$/m);
    expect(status.stdout).toMatch(/^queued: +\d+ events/m);
    const asJson = JSON.parse((await cli(['status', '--json']).done).stdout) as {
      agent: { running: boolean; pid: number };
      display: { session: string };
    };
    expect(asJson.agent).toMatchObject({ running: true, pid: run.child.pid });
    expect(asJson.display.session).toBe('x11');

    await new Promise((r) => setTimeout(r, 1500));
    const stopAt = Date.now();
    run.child.kill('SIGTERM');
    const done = await run.done;
    const tookMs = Date.now() - stopAt;
    expect({ code: done.code, signal: done.signal }).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(15_000);
    // The open span ended at its last sample before the signal, and it is on the server.
    const editorEnd = Math.max(
      ...[...stored.values()].filter((e) => e.app === 'Editor').map((e) => Date.parse(e.end)),
    );
    expect(stopAt - editorEnd).toBeLessThan(1000);
    expect(editorEnd).toBeLessThanOrEqual(stopAt + 500);

    const after = await cli(['status']).done;
    expect(after.code).toBe(3);
    expect(after.stdout).toMatch(/^agent: +not running$/m);
    expect(after.stdout).toMatch(/^queued: +0 events/m);
    editor.close();
  });

  it('exits 0 within 15 s when the server does not answer, keeping what it could not send', async () => {
    const editor = await screen.openWindow('Editor', 'draft.md — Editor');
    await screen.focus(editor);
    await screen.movePointer(70, 70);
    hangEvents = true;
    const run = cli(['run']);
    await until(() => readLockPid() === run.child.pid, 'the start');
    await new Promise((r) => setTimeout(r, 2500));
    const stopAt = Date.now();
    run.child.kill('SIGTERM');
    const done = await run.done;
    expect({ code: done.code, signal: done.signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(15_000);
    const status = await cli(['status']).done;
    expect(status.code).toBe(3);
    const queued = Number(/^queued: +(\d+) events/m.exec(status.stdout)?.[1]);
    expect(queued).toBeGreaterThan(0);
    hangEvents = false;
    editor.close();
  }, 40_000);

  it('tells an agent that died without stopping (kill -9) from one that stopped', async () => {
    const run = cli(['run']);
    await until(() => readLockPid() === run.child.pid, 'the lock');
    run.child.kill('SIGKILL');
    await run.done;
    const status = await cli(['status']).done;
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(
      new RegExp(
        `^agent: +not running: the last one \\(pid ${run.child.pid}, started .*\\) ended without stopping`,
        'm',
      ),
    );
    // The next run takes over the stale lock and uploads what the dead one left.
    const next = cli(['run']);
    await until(() => readLockPid() === next.child.pid, 'the lock taken over');
    next.child.kill('SIGTERM');
    expect((await next.done).code).toBe(0);
  }, 40_000);

  function readLockPid(): number | null {
    try {
      return (JSON.parse(readFileSync(join(home, 'agent.lock'), 'utf8')) as { pid: number }).pid;
    } catch {
      return null;
    }
  }
});
