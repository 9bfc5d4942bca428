import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What a running agent writes into its home, so that `status` can tell whether it still runs. */
export interface LockInfo {
  pid: number;
  /** ISO 8601. */
  startedAt: string;
  /** `x11`, `activitywatch`, `script`, … */
  source: string;
  version: string;
  /** Linux: the process's start time in clock ticks since boot, so a reused pid is not taken for it. */
  procStart?: string;
}

export type LockState =
  { state: 'running'; info: LockInfo } | { state: 'stale'; info: LockInfo } | { state: 'none' };

export const LOCK_FILE = 'agent.lock';

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses). */
export function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote the lock is still that process. */
export function lockHolderAlive(info: LockInfo): boolean {
  if (!Number.isInteger(info.pid) || info.pid <= 0 || !pidAlive(info.pid)) return false;
  if (info.procStart === undefined) return true;
  const now = procStartTime(info.pid);
  return now === undefined || now === info.procStart;
}

function parse(text: string): LockInfo | null {
  try {
    const info = JSON.parse(text) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

export function readLock(home: string): LockState {
  let text: string;
  try {
    text = readFileSync(join(home, LOCK_FILE), 'utf8');
  } catch {
    return { state: 'none' };
  }
  const info = parse(text);
  // A torn or foreign file: nobody holds the lock.
  if (info === null) return { state: 'none' };
  return lockHolderAlive(info) ? { state: 'running', info } : { state: 'stale', info };
}

export interface HeldLock {
  info: LockInfo;
  release(): void;
}

/**
 * Takes the home's lock for this process, or names the live agent that holds it. A lock left by a
 * process that died (kill -9, power cut) is taken over.
 */
export function acquireLock(
  home: string,
  fields: Omit<LockInfo, 'pid' | 'startedAt' | 'procStart'>,
  now = new Date(),
): { ok: true; lock: HeldLock } | { ok: false; holder: LockInfo } {
  const file = join(home, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, startedAt: now.toISOString(), ...fields };
  const procStart = procStartTime(process.pid);
  if (procStart !== undefined) info.procStart = procStart;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(home);
      if (current.state === 'running') return { ok: false, holder: current.info };
      // Stale or unreadable: remove it and race for it again (`wx` lets one process win).
      try {
        unlinkSync(file);
      } catch {
        // Someone else removed it first.
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(info)}\n`);
    } finally {
      closeSync(fd);
    }
    return {
      ok: true,
      lock: {
        info,
        release: () => {
          const current = readLock(home);
          if (current.state !== 'none' && current.info.pid !== process.pid) return;
          try {
            unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      },
    };
  }
  throw new Error(`could not take ${file}`);
}
