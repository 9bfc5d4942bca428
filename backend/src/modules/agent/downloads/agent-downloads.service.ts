import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#src/config/app-config.js';
import { NotFoundError } from '#src/common/errors/domain-error.js';
import { INSTALL_SCRIPT_TEMPLATE } from './install-script.template.js';

export type AgentPlatform = 'linux-x64' | 'linux-arm64' | 'linux' | 'windows' | 'macos';

export interface AgentDownload {
  file: string;
  platform: AgentPlatform;
  /** From a bundle's name (`calltimex-agent-<version>-linux-<arch>.tar.gz`); null for other files. */
  version: string | null;
  size: number;
  sha256: string;
  /** Path under the server, e.g. `/api/v1/agent/downloads/<file>`. */
  url: string;
  modifiedAt: string;
}

/** What the agent build writes, and what IT may add (installers built elsewhere, signed). */
const BUNDLE = /^calltimex-agent-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)-linux-(x64|arm64)\.tar\.gz$/;
const OTHER: [RegExp, AgentPlatform][] = [
  [/\.(exe|msi)$/i, 'windows'],
  [/\.(pkg|dmg)$/i, 'macos'],
  [/\.(deb|rpm|AppImage)$/, 'linux'],
];
/** No path separators, no dot files: a name from the folder, never a path from the request. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The agent downloads the server offers: every bundle and installer in `AGENT_DOWNLOADS_DIR`
 * (by default the agent build's `agent/dist/bundle`), each with its SHA-256, and the Linux install
 * script that fetches and checks the right one. The folder is read on each call, so a bundle
 * dropped in by IT shows at once; hashes are kept while a file's size and time are unchanged.
 */
@Injectable()
export class AgentDownloadsService {
  private readonly hashes = new Map<string, { key: string; sha256: string }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async list(): Promise<AgentDownload[]> {
    const dir = this.config.agentDownloadsDir;
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: AgentDownload[] = [];
    for (const file of names.sort()) {
      if (!SAFE_NAME.test(file)) continue;
      const platform = platformOf(file);
      if (!platform) continue;
      const info = await stat(join(dir, file)).catch(() => null);
      if (!info?.isFile()) continue;
      out.push({
        file,
        platform,
        version: BUNDLE.exec(file)?.[1] ?? null,
        size: info.size,
        sha256: await this.sha256(join(dir, file), `${info.size}:${info.mtimeMs}`),
        url: `/api/v1/agent/downloads/${file}`,
        modifiedAt: info.mtime.toISOString(),
      });
    }
    return out;
  }

  async open(file: string): Promise<{ download: AgentDownload; stream: ReadStream }> {
    const download = (await this.list()).find((d) => d.file === file);
    if (!download) throw new NotFoundError('Agent download');
    return { download, stream: createReadStream(join(this.config.agentDownloadsDir, file)) };
  }

  /** The newest bundle per architecture, by version. */
  async installScript(serverUrl: string): Promise<string> {
    const bundles = (await this.list()).filter((d) => d.version !== null);
    const newest = (arch: 'x64' | 'arm64') =>
      bundles
        .filter((d) => d.platform === `linux-${arch}`)
        .sort((a, b) => compareVersions(b.version!, a.version!))[0];
    const x64 = newest('x64');
    const arm64 = newest('arm64');
    const values: Record<string, string> = {
      SERVER: serverUrl,
      VERSION: (x64 ?? arm64)?.version ?? '',
      FILE_X64: x64?.file ?? '',
      SHA256_X64: x64?.sha256 ?? '',
      FILE_ARM64: arm64?.file ?? '',
      SHA256_ARM64: arm64?.sha256 ?? '',
    };
    // Every value is a URL, a version, a file name or a hex digest (checked by their patterns),
    // so none can close the single quotes it is written in.
    return INSTALL_SCRIPT_TEMPLATE.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`install script: no value for ${key}`);
      if (value.includes("'")) throw new Error(`install script: ${key} holds a quote`);
      return value;
    });
  }

  private async sha256(path: string, key: string): Promise<string> {
    const known = this.hashes.get(path);
    if (known?.key === key) return known.sha256;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    this.hashes.set(path, { key, sha256 });
    return sha256;
  }
}

function platformOf(file: string): AgentPlatform | null {
  const bundle = BUNDLE.exec(file);
  if (bundle) return `linux-${bundle[2]}` as AgentPlatform;
  if (file.endsWith('.tar.gz')) return null;
  return OTHER.find(([pattern]) => pattern.test(file))?.[1] ?? null;
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    if (x === undefined) return 1; // 1.0.0 > 1.0.0-rc.1
    if (y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}
