import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { EnvironmentSchema } from '#src/config/config.schema.js';
import { MIGRATIONS } from '#src/database/migrations/index.js';
import { CliError } from '../cli-command.js';

export const BACKUP_FORMAT = 'calltimex-embedded-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'calltimex.sqlite';
/** Everything else from DATA_DIR (files, outbox, secrets.json, billing-key) lives under this folder. */
export const DATA_FOLDER = 'data';

// The live database and its companions are never copied as files: the online backup replaces them.
const SQLITE_FILES = new Set(['', '-wal', '-shm', '-journal'].map((s) => `${DATABASE_FILE}${s}`));

export interface BackupFile {
  path: string;
  bytes: number;
  sha256: string;
  mode: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Migrations applied in the backed-up database, oldest first: its schema version. */
  schema: { migrations: string[]; latest: string | null };
  database: BackupFile;
  files: BackupFile[];
}

export interface BackupSummary {
  manifest: BackupManifest;
  milliseconds: number;
}

/** DATA_DIR as the api resolves it; backup and restore exist for embedded mode only. */
export function embeddedDataDir(env: NodeJS.ProcessEnv): string {
  if (env.DATABASE_URL) {
    throw new CliError(
      'backup and restore are for embedded mode (SQLite). With DATABASE_URL set, back up MySQL with ' +
        'mysqldump and the files volume as docs/backup-restore.md describes ("MySQL" sections).',
    );
  }
  return resolve(env.DATA_DIR || new EnvironmentSchema().DATA_DIR);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function describeFile(root: string, path: string): Promise<BackupFile> {
  const info = await stat(path);
  return {
    path: relative(root, path).split(sep).join('/'),
    bytes: info.size,
    sha256: await sha256Of(path),
    mode: info.mode & 0o777,
  };
}

async function isEmptyDir(path: string): Promise<boolean> {
  if (!existsSync(path)) return true;
  if (!(await stat(path)).isDirectory()) return false;
  return (await readdir(path)).length === 0;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== child);
}

async function listFiles(root: string, skip: (path: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // A folder removed meanwhile (retention, an erasure) is simply not in the backup.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (skip(path)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(root);
  return found;
}

function appliedMigrations(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
      .get();
    if (!table) return [];
    return (
      db.prepare('SELECT name FROM migrations ORDER BY timestamp, id').all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of an embedded installation while the api keeps running: the database through
 * SQLite's online backup API in one step (one read transaction, so one instant; WAL lets the api
 * write meanwhile), then the files. Files newer than the snapshot are harmless orphans.
 */
export async function takeBackup(dataDir: string, target: string): Promise<BackupSummary> {
  const started = Date.now();
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) {
    throw new CliError(`No embedded database at ${source}: is DATA_DIR right?`);
  }
  const out = resolve(target);
  if (!(await isEmptyDir(out))) {
    throw new CliError(`The backup directory ${out} is not empty: give a new or empty directory.`);
  }
  await mkdir(join(out, DATA_FOLDER), { recursive: true, mode: 0o700 });
  await chmod(out, 0o700);

  const partial = join(out, `${DATABASE_FILE}.partial`);
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 10000');
    // All remaining pages in the step after the first: the copy is taken under one read lock.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // One self-contained file, with no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new CliError(`The copied database failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
  await chmod(partial, 0o600);
  await rename(partial, join(out, DATABASE_FILE));
  const migrations = appliedMigrations(join(out, DATABASE_FILE));

  const files: BackupFile[] = [];
  const sources = await listFiles(
    dataDir,
    (path) =>
      isInside(out, path) ||
      (dirname(path) === dataDir && SQLITE_FILES.has(relative(dataDir, path))),
  );
  for (const path of sources) {
    const rel = relative(dataDir, path);
    const dest = join(out, DATA_FOLDER, rel);
    await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
    try {
      await copyFile(path, dest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    await chmod(dest, (await stat(path).catch(() => ({ mode: 0o600 }))).mode & 0o777);
    files.push(await describeFile(join(out, DATA_FOLDER), dest));
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date(started).toISOString(),
    schema: { migrations, latest: migrations.at(-1) ?? null },
    database: await describeFile(out, join(out, DATABASE_FILE)),
    files,
  };
  // Written last: a directory without a manifest is an unfinished backup.
  await writeFile(join(out, `${MANIFEST_FILE}.partial`), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
  await rename(join(out, `${MANIFEST_FILE}.partial`), join(out, MANIFEST_FILE));
  return { manifest, milliseconds: Date.now() - started };
}

async function readManifest(dir: string): Promise<BackupManifest> {
  const path = join(dir, MANIFEST_FILE);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as BackupManifest;
  } catch {
    throw new CliError(
      `${path} is missing or unreadable: not a complete CallTimeX backup (an interrupted backup has none).`,
    );
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files) || !manifest.database) {
    throw new CliError(`${path} is not a CallTimeX embedded backup manifest.`);
  }
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new CliError(
      `The backup has format version ${manifest.formatVersion}; this release reads up to ${BACKUP_FORMAT_VERSION}. Restore it with a newer release.`,
    );
  }
  return manifest;
}

function safePath(root: string, rel: string): string {
  const path = resolve(root, rel);
  if (!isInside(root, path) || path === root) {
    throw new CliError(`The manifest names a path outside the backup: ${rel}`);
  }
  return path;
}

/**
 * Refuses to replace a database another process has open: every WAL connection (a running api)
 * keeps the exclusive lock from being granted.
 */
function assertNotInUse(path: string): void {
  if (!existsSync(path)) return;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new CliError(
        `The database in ${dirname(path)} is in use (is the api running?): stop it, then restore.`,
      );
    }
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreSummary {
  manifest: BackupManifest;
  /** Migrations this release has that the backup lacks; the api applies them at start. */
  pendingMigrations: string[];
}

/** Verifies every checksum and the schema version before DATA_DIR is touched, then copies. */
export async function restoreBackup(
  backupDir: string,
  dataDir: string,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const from = resolve(backupDir);
  const manifest = await readManifest(from);

  const problems: string[] = [];
  const entries = [
    { file: manifest.database, root: from },
    ...manifest.files.map((file) => ({ file, root: join(from, DATA_FOLDER) })),
  ];
  for (const { file, root } of entries) {
    const path = safePath(root, file.path);
    if (!existsSync(path)) problems.push(`missing: ${file.path}`);
    else if ((await sha256Of(path)) !== file.sha256)
      problems.push(`checksum differs: ${file.path}`);
  }
  if (problems.length > 0) {
    throw new CliError(`The backup is damaged; nothing was restored:\n  ${problems.join('\n  ')}`);
  }

  const inBackup = appliedMigrations(safePath(from, manifest.database.path));
  const known = MIGRATIONS.map((M) => new M().name);
  const unknown = inBackup.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new CliError(
      `The backup's schema is newer than this release (it has ${unknown.join(', ')}). ` +
        'Restore it with the release that took it, or a newer one.',
    );
  }

  if (isInside(dataDir, from)) {
    throw new CliError('The backup lies inside DATA_DIR: move it elsewhere before restoring.');
  }
  if (!(await isEmptyDir(dataDir))) {
    if (!options.force) {
      throw new CliError(
        `DATA_DIR ${dataDir} is not empty. Stop the api and use --force to replace its contents.`,
      );
    }
    assertNotInUse(join(dataDir, DATABASE_FILE));
    for (const entry of await readdir(dataDir)) {
      await rm(join(dataDir, entry), { recursive: true, force: true });
    }
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const partial = join(dataDir, `${DATABASE_FILE}.partial`);
  await copyFile(safePath(from, manifest.database.path), partial);
  await chmod(partial, 0o600);
  for (const file of manifest.files) {
    const dest = safePath(dataDir, file.path);
    await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
    await copyFile(safePath(join(from, DATA_FOLDER), file.path), dest);
    await chmod(dest, file.mode & 0o777);
  }
  // The database appears last, so a half-finished restore is never mistaken for a usable one.
  await rename(partial, join(dataDir, DATABASE_FILE));
  return { manifest, pendingMigrations: known.filter((name) => !inBackup.includes(name)) };
}
