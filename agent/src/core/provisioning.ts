import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnrollInput } from './enrollment.js';

/** Written by the silent installer or by MDM; read once, while the agent is not enrolled. */
export interface Provisioning {
  serverUrl: string;
  enrollmentToken: string;
  employeeEmail?: string;
  /** `{username}@emailDomain` when no email is given. */
  emailDomain?: string;
}

export function provisioningPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    return [join(env.ProgramData ?? 'C:\\ProgramData', 'CallTimeX', 'provisioning.json')];
  }
  if (platform === 'darwin') return ['/Library/Application Support/CallTimeX/provisioning.json'];
  return ['/etc/calltimex/provisioning.json'];
}

export function readProvisioning(paths: string[], username: string): EnrollInput | null {
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const raw = JSON.parse(
      readFileSync(path, 'utf8').replace(/^\uFEFF/, ''),
    ) as Partial<Provisioning>;
    if (typeof raw.serverUrl !== 'string' || typeof raw.enrollmentToken !== 'string') continue;
    const employeeEmail =
      typeof raw.employeeEmail === 'string' && raw.employeeEmail !== ''
        ? raw.employeeEmail
        : typeof raw.emailDomain === 'string' && raw.emailDomain !== ''
          ? `${username.toLowerCase()}@${raw.emailDomain}`
          : null;
    if (employeeEmail === null) continue;
    return { serverUrl: raw.serverUrl, enrollmentToken: raw.enrollmentToken, employeeEmail };
  }
  return null;
}
