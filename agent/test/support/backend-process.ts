import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// CALLTIMEX_BACKEND_DIR: another built backend (e.g. one exported from a given commit).
const BACKEND_DIR =
  process.env.CALLTIMEX_BACKEND_DIR ?? fileURLToPath(new URL('../../../backend', import.meta.url));
export const BACKEND_MAIN = `${BACKEND_DIR}/dist/main.js`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The built backend, as `npm start` runs it, on a fixed port and data directory (restartable). */
export class BackendProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  logs(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (!existsSync(BACKEND_MAIN)) {
      throw new Error(`${BACKEND_MAIN} is missing: run \`npm run build -w backend\` first`);
    }
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: BACKEND_DIR,
      env: { PATH: process.env.PATH, PORT: String(this.port), DATA_DIR: this.dataDir, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`backend exited early:\n${this.output.slice(-4000)}`);
      const ok = await fetch(`${this.url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline)
        throw new Error(`backend not healthy in 60 s:\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }
}
