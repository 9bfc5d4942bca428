import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The built backend, as `npm start` runs it; E2E_BACKEND_DIR points elsewhere when needed.
const BACKEND_DIR = resolve(process.env['E2E_BACKEND_DIR'] ?? join(__dirname, '../../backend'));
export const CONSOLE_INDEX = resolve(__dirname, '../dist/console/browser/index.html');

export interface RunningServer {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * `env`: extra variables for the api (e.g. WEBHOOKS_ALLOWED_NETWORKS for a receiver in the test),
 * or a function of the URL it will answer on that gives them (an OIDC redirect URL).
 */
export async function startServer(
  env: Record<string, string> | ((url: string) => Record<string, string>) = {},
): Promise<RunningServer> {
  const main = join(BACKEND_DIR, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first.`);
  if (!existsSync(CONSOLE_INDEX)) {
    throw new Error('The console is not built: run `npm run build -w frontend` first.');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-console-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: BACKEND_DIR,
    env: {
      PATH: process.env['PATH'],
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(typeof env === 'function' ? env(url) : env),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
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
