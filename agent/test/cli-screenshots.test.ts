import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { SqliteSpool } from '../src/core/spool/sqlite-spool.js';
import { FakeServer, json, ScreenshotServer } from './support/fake-server.js';
import { VirtualDisplay } from './support/xvfb.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The headless agent as a real process on a real X display, with screenshots once a minute: it
// logs each capture, and the person lists and deletes theirs with `calltimex-agent screenshots`
// while the agent runs (another process, the same spool).
describe('calltimex-agent screenshots (run, list, delete)', () => {
  let screen: VirtualDisplay;
  const server = new FakeServer();
  const shots = new ScreenshotServer();
  let url = '';
  let home = '';
  const children: ChildProcess[] = [];

  function cli(args: string[]): { child: ChildProcess; out: Done; done: Promise<Done> } {
    const child = spawn(process.execPath, [CLI, ...args, '--home', home], {
      env: { ...screen.env, LANG: 'en_US.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const out: Done = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    const done = new Promise<Done>((resolve) =>
      child.once('exit', (code) => resolve({ ...out, code })),
    );
    return { child, out, done };
  }

  beforeAll(async () => {
    screen = await VirtualDisplay.start();
    await screen.setRootColour('#208040');
    url = await server.start();
    home = mkdtempSync(join(tmpdir(), 'ctx-cli-shots-'));
    shots.policy = { ...shots.policy, intervalSeconds: 60, randomize: false, maxWidth: 640 };
    server.handler = (req, res) => {
      if (req.url === '/api/v1/agent/enroll') {
        return json(res, 201, { deviceId: 'device-1', deviceToken: 'device-secret' });
      }
      if (req.headers.authorization !== 'Bearer device-secret') {
        return json(res, 401, { status: 401, title: 'Unauthorized', detail: 'no' });
      }
      if (shots.handle(req, res)) return;
      if (req.url === '/api/v1/agent/events') {
        const n = (JSON.parse(req.body) as { events: unknown[] }).events.length;
        return json(res, 200, { accepted: n, duplicates: 0, rejected: [] });
      }
      return json(res, 404, { status: 404, title: 'Not Found', detail: req.url });
    };
    const enrolled = await cli(['enroll', '--server', url, '--token', 't', '--email', 'a@x.test'])
      .done;
    expect(enrolled.code).toBe(0);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    screen?.stop();
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('logs each capture; one deleted before upload is never sent, one uploaded is deleted on the server', async () => {
    // The server is down for screenshots: the capture waits in the spool.
    shots.failNext = Array.from({ length: 1000 }, () => ({ status: 503 }));
    const agent = cli(['run']);
    await until(() => agent.out.stderr.includes('"screenshot taken"'), 'a screenshot', 75_000);
    const line = agent.out.stderr.split('\n').find((l) => l.includes('"screenshot taken"'))!;
    const taken = JSON.parse(line) as { id: string; capturedAt: string; delete: string };
    expect(taken.delete).toBe(`calltimex-agent screenshots delete ${taken.id}`);
    // The minute under way when the agent started gets its screenshot at once.
    expect(Date.now() - Date.parse(taken.capturedAt)).toBeLessThan(60_000);

    const listed = await cli(['screenshots', 'list']).done;
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('screenshots are on');
    expect(listed.stdout).toMatch(new RegExp(`${taken.id} .* 640x480 +not sent yet`));

    const deleted = await cli(['screenshots', 'delete', taken.id]).done;
    expect(deleted).toMatchObject({ code: 0 });
    expect(deleted.stdout).toContain(
      `deleted ${taken.id} (it had not been sent: it never will be)`,
    );

    // The server is back; the agent stops and sends what it has: not the deleted screenshot.
    shots.failNext = [];
    agent.child.kill('SIGTERM');
    const stopped = await agent.done;
    expect(stopped.code).toBe(0);
    expect(shots.stored.has(taken.id)).toBe(false);
    expect(shots.answers.every((a) => a.status === 503)).toBe(true);

    // One that was uploaded: deleted on the server.
    const spool = new SqliteSpool(join(home, 'spool.sqlite'));
    const id = '7d4e1b2a-3c5f-4a6b-9c8d-0e1f2a3b4c5d';
    const image = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 200) }, 80).data;
    spool.addScreenshot({ id, capturedAt: Date.now() - 60_000, width: 8, height: 8, jpeg: image });
    spool.close();
    const sender = cli(['run']);
    await until(() => shots.stored.has(id), 'the upload', 20_000);
    sender.child.kill('SIGTERM');
    expect((await sender.done).code).toBe(0);
    const listedAgain = await cli(['screenshots', 'list', '--json']).done;
    const rows = JSON.parse(listedAgain.stdout) as Array<{ id: string; state: string }>;
    expect(rows.find((r) => r.id === id)).toMatchObject({ state: 'uploaded' });
    expect(rows.find((r) => r.id === taken.id)).toMatchObject({ state: 'deleted' });
    const onServer = await cli(['screenshots', 'delete', id]).done;
    expect(onServer.stdout).toContain(`deleted ${id} on the server`);
    expect(shots.stored.get(id)!.deleted).toBe(true);
    const unknown = await cli(['screenshots', 'delete', '00000000-0000-4000-8000-000000000000'])
      .done;
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('not deleted: the server has no such screenshot');
  }, 180_000);
});
