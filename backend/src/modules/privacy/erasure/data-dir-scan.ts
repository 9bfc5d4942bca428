import { type FileHandle, open, readdir, stat, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

const CHUNK = 8 * 1024 * 1024;

/** Every regular file under dir, depth first. */
export async function* walkFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Whether the file's bytes hold any of the needles (UTF-8), read in chunks that overlap by the
 * longest needle so a match across a chunk border is not missed.
 */
export async function fileContains(path: string, needles: Buffer[]): Promise<boolean> {
  if (needles.length === 0) return false;
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let size: number;
  let handle: FileHandle;
  try {
    size = (await stat(path)).size;
    handle = await open(path, 'r');
  } catch (error) {
    // Gone since it was listed (a mail renamed into the outbox, a SQLite journal): it holds nothing.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(Math.min(size, CHUNK) + overlap);
    let position = 0;
    let carried = 0;
    while (position < size) {
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, position);
      if (bytesRead === 0) break;
      const view = buffer.subarray(0, carried + bytesRead);
      if (needles.some((n) => view.includes(n))) return true;
      position += bytesRead;
      carried = Math.min(overlap, view.length);
      view.copyWithin(0, view.length - carried);
    }
    return false;
  } finally {
    await handle.close();
  }
}

export interface ScanResult {
  filesSearched: number;
  /** Paths relative to the root. */
  matches: string[];
}

export async function scanDataDir(
  root: string,
  needles: Buffer[],
  skip: (relativePath: string) => boolean = () => false,
): Promise<ScanResult> {
  const matches: string[] = [];
  let filesSearched = 0;
  for await (const path of walkFiles(root)) {
    const rel = relative(root, path);
    if (skip(rel)) continue;
    filesSearched++;
    if (await fileContains(path, needles)) matches.push(rel);
  }
  return { filesSearched, matches };
}

export async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch {
    return false;
  }
}
