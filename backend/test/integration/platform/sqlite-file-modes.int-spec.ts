import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '#src/database/data-source.js';

// Independent of TEST_DB: embedded mode's SQLite file is what this checks, on either run.
describe('SQLite file modes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-modes-'));
  const path = join(dir, 'calltimex.sqlite');
  const files = [path, `${path}-wal`, `${path}-shm`];
  const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
  const oldUmask = process.umask(0o022);
  afterAll(() => {
    process.umask(oldUmask);
    rmSync(dir, { recursive: true, force: true });
  });

  const openAndWrite = async () => {
    const ds = await createDataSource({ type: 'sqlite', path });
    await ds.initialize();
    await ds.query('CREATE TABLE IF NOT EXISTS t (v TEXT)');
    await ds.query("INSERT INTO t (v) VALUES ('secret row')");
    return ds;
  };

  it('creates the database, -wal and -shm owner-only (0600) under a 022 umask', async () => {
    const ds = await openAndWrite();
    try {
      for (const file of files) expect(existsSync(file)).toBe(true);
      expect(files.map(modeOf)).toEqual(['600', '600', '600']);
    } finally {
      await ds.destroy();
    }
  });

  it('corrects an existing database whose files are readable by others at start-up', async () => {
    // A database left 0644 by an older version (or a restore): the next start corrects it.
    const ds = await openAndWrite();
    for (const file of files) chmodSync(file, 0o644);
    expect(files.map(modeOf)).toEqual(['644', '644', '644']);
    const reopened = await createDataSource({ type: 'sqlite', path });
    await reopened.initialize();
    try {
      expect(modeOf(path)).toBe('600');
      for (const file of files.slice(1)) if (existsSync(file)) expect(modeOf(file)).toBe('600');
      await reopened.query("INSERT INTO t (v) VALUES ('another')");
      expect(files.map(modeOf)).toEqual(['600', '600', '600']);
      const rows = await reopened.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM t');
      expect(rows[0].n).toBe(3);
    } finally {
      await reopened.destroy();
      await ds.destroy();
    }
  });
});
