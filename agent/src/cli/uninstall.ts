import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { lockHolderAlive, readLock } from '../core/instance-lock.js';

/** What install.sh records in `<data home>/calltimex-agent/install.json`. */
interface InstallRecord {
  service: 'systemd' | 'autostart' | 'none';
  root: string;
  bin: string;
  unit: string;
  autostart: string;
}

export interface UninstallOptions {
  /** The agent's state directory (config, device token, spool). */
  home: string;
  keepData: boolean;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

const STOP_WAIT_MS = 20_000;

/**
 * Undoes install.sh: stops the service and a running agent (SIGTERM: it ends its span and uploads
 * first), removes the unit or autostart entry, the launcher and the installed versions, and, unless
 * `keepData`, the agent's state (device token and anything not uploaded yet). Returns the paths
 * removed. Without an install record (an agent run from a checkout) only the state is removed.
 */
export async function uninstall(options: UninstallOptions): Promise<string[]> {
  const { env, log } = options;
  const dataHome = env.XDG_DATA_HOME ?? join(env.HOME ?? homedir(), '.local', 'share');
  const recordFile = join(dataHome, 'calltimex-agent', 'install.json');
  const record = existsSync(recordFile)
    ? (JSON.parse(readFileSync(recordFile, 'utf8')) as InstallRecord)
    : null;
  const removed: string[] = [];
  const remove = (path: string) => {
    if (!path || !exists(path)) return;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  };

  if (record?.service === 'systemd') {
    const stop = spawnSync('systemctl', ['--user', 'disable', '--now', 'calltimex-agent.service'], {
      encoding: 'utf8',
    });
    if (stop.status !== 0) log(`systemctl could not stop the service: ${stop.stderr.trim()}`);
  }
  await stopRunningAgent(options.home, log);

  if (record) {
    remove(record.unit);
    if (record.service === 'systemd') spawnSync('systemctl', ['--user', 'daemon-reload']);
    remove(record.autostart);
    // The launcher only when it is ours: a symlink into the installed tree.
    if (isLinkInto(record.bin, record.root)) remove(record.bin);
    remove(record.root);
  } else {
    log('no install record (install.sh was not used): removing the agent state only');
  }
  if (!options.keepData) {
    remove(options.home);
    remove(
      join(env.XDG_STATE_HOME ?? join(env.HOME ?? homedir(), '.local', 'state'), 'calltimex-agent'),
    );
  }
  return removed;
}

async function stopRunningAgent(home: string, log: (line: string) => void): Promise<void> {
  const lock = readLock(home);
  if (lock.state !== 'running') return;
  log(`stopping the running agent (pid ${lock.info.pid}); it uploads what it recorded first`);
  try {
    process.kill(lock.info.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  while (Date.now() < deadline && lockHolderAlive(lock.info)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (lockHolderAlive(lock.info)) {
    log(`the agent (pid ${lock.info.pid}) did not stop within 20 s: killing it`);
    process.kill(lock.info.pid, 'SIGKILL');
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isLinkInto(link: string, root: string): boolean {
  try {
    if (!lstatSync(link).isSymbolicLink()) return false;
    return resolve(link, '..', readlinkSync(link)).startsWith(`${resolve(root)}/`);
  } catch {
    return false;
  }
}
