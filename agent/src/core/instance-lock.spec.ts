import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, LOCK_FILE, procStartTime, readLock } from './instance-lock.js';

describe('the agent’s instance lock', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'ctx-lock-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('is held by a live process, refused to a second one, and gone when released', () => {
    expect(readLock(home)).toEqual({ state: 'none' });
    const first = acquireLock(home, { source: 'x11', version: '1' });
    if (!first.ok) throw new Error('not taken');
    expect(readLock(home)).toMatchObject({ state: 'running', info: { pid: process.pid } });
    const second = acquireLock(home, { source: 'x11', version: '1' });
    expect(second).toMatchObject({ ok: false, holder: { pid: process.pid, source: 'x11' } });
    first.lock.release();
    expect(readLock(home)).toEqual({ state: 'none' });
  });

  it('tells a lock left by a dead process, and takes it over', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(
      join(home, LOCK_FILE),
      JSON.stringify({
        pid: dead,
        startedAt: '2026-01-01T00:00:00.000Z',
        source: 'x11',
        version: '1',
      }),
    );
    expect(readLock(home)).toMatchObject({ state: 'stale', info: { pid: dead } });
    const taken = acquireLock(home, { source: 'activitywatch', version: '1' });
    expect(taken.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      source: 'activitywatch',
    });
  });

  it('does not take a reused pid for the agent that wrote the lock', () => {
    if (procStartTime(process.pid) === undefined) {
      throw new Error('this test needs /proc (Linux)');
    }
    // This process is alive, but started at another time than the one recorded.
    writeFileSync(
      join(home, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        startedAt: 'x',
        source: 'x11',
        version: '1',
        procStart: '1',
      }),
    );
    expect(readLock(home).state).toBe('stale');
  });

  it('ignores a torn lock file', () => {
    writeFileSync(join(home, LOCK_FILE), '{"pid": 12');
    expect(readLock(home)).toEqual({ state: 'none' });
    expect(acquireLock(home, { source: 'x11', version: '1' }).ok).toBe(true);
  });
});
