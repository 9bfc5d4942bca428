import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

// Shared by the agent's install test and the console's IT journey (frontend/e2e): plain Node
// modules only, no import.meta, so both the agent's ESM tests and the console's CJS tests load it.

/**
 * What install.sh and the bundle's launcher may use on a workstation: curl, a shell and coreutils,
 * no Node.js, no systemctl (no user session in a test, so the script takes its autostart path).
 */
export const CURL_ONLY_TOOLS = [
  'sh',
  'curl',
  'tar',
  'gzip',
  'sha256sum',
  'mktemp',
  'rm',
  'mkdir',
  'mv',
  'ln',
  'cat',
  'uname',
  'id',
  'tr',
  'sed',
  'grep',
  'rmdir',
  'nohup',
  'dirname',
  'readlink',
  'printf',
] as const;

/** A PATH directory holding links to those tools only: a machine with nothing else installed. */
export function curlOnlyPath(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const tool of CURL_ONLY_TOOLS) {
    const path = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    symlinkSync(path, join(dir, tool));
  }
  return dir;
}
