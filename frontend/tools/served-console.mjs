// The built console as `npm start` serves it, on a free port with a fresh data directory, and an
// organization seeded so that pages render tables rather than empty states. Shared by the
// browser measurements (`lighthouse.mjs`, `main-thread.mjs`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const consoleDir = join(root, 'frontend/dist/console');
const backendMain = join(root, 'backend/dist/main.js');
const consoleIndex = join(consoleDir, 'browser/index.html');
export const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OWNER = { email: 'owner@lighthouse.test', password: 'Correct-Horse-Battery-9' };

/** Exits with 2 and what to run when the backend, the console or Chromium is missing. */
export function requireBuilds() {
  for (const [file, hint] of [
    [backendMain, 'npm run build -w backend'],
    [consoleIndex, 'npm run build -w frontend'],
    [chromium, 'apt-get install chromium (or set CHROMIUM_PATH)'],
  ]) {
    if (!existsSync(file)) {
      console.error(`${file} is missing: ${hint}`);
      process.exit(2);
    }
  }
}

async function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => (port ? done(port) : fail(new Error('no port'))));
    });
  });
}

export async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ctx-lighthouse-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [backendMain], {
    cwd: join(root, 'backend'),
    env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the api did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
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

async function api(url, path, body, token) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** An organization with a few people, so the dashboard and reports render tables, not empty states. */
export async function seed(url) {
  const owner = await api(url, '/auth/signup', {
    organizationName: 'Lighthouse Ltd',
    fullName: 'Olga Owner',
    ...OWNER,
  });
  const team = await api(url, '/teams', { name: 'Support' }, owner.accessToken);
  for (const fullName of ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']) {
    const email = `${fullName.split(' ')[0].toLowerCase()}@lighthouse.test`;
    await api(
      url,
      '/employees',
      { fullName, email, teamId: team.id, timeZone: 'Europe/Berlin' },
      owner.accessToken,
    );
  }
}

/** Signs the owner in from the page: the refresh token is an HttpOnly cookie the browser keeps. */
export async function signIn(page, url) {
  await page.goto(`${url}/sign-in`);
  await page.evaluate(
    (owner) =>
      fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(owner),
      }).then((r) => r.status),
    OWNER,
  );
}
