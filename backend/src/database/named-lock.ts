import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dialectOf } from './dialect.js';

/** MySQL/MariaDB refuse lock names longer than this. */
const MYSQL_LOCK_NAME_MAX = 64;

export class NamedLockTimeoutError extends Error {
  constructor(readonly lockName: string) {
    super(`timed out waiting for the lock ${lockName}`);
    this.name = 'NamedLockTimeoutError';
  }
}

/**
 * Runs work while holding a lock by name, across every process of the installation: MySQL/MariaDB
 * named locks (server-wide, so the database name keeps installations sharing a server apart); in
 * embedded mode one process opens the SQLite file, so the lock lives in that process.
 */
@Injectable()
export class NamedLock {
  private readonly local = new Map<string, Promise<void>>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run<T>(name: string, waitSeconds: number, work: () => Promise<T>): Promise<T> {
    return dialectOf(this.dataSource) === 'sqlite'
      ? this.runLocal(name, waitSeconds, work)
      : this.runMysql(name, waitSeconds, work);
  }

  private async runMysql<T>(name: string, waitSeconds: number, work: () => Promise<T>) {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const full = `calltimex:${(await runner.getCurrentDatabase()) ?? ''}:${name}`;
      const lockName =
        full.length <= MYSQL_LOCK_NAME_MAX
          ? full
          : `calltimex:${createHash('sha1').update(full).digest('hex')}`;
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
        lockName,
        waitSeconds,
      ])) as { locked: number | string | null }[];
      if (Number(row?.locked) !== 1) throw new NamedLockTimeoutError(name);
      try {
        return await work();
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
      }
    } finally {
      await runner.release();
    }
  }

  private async runLocal<T>(name: string, waitSeconds: number, work: () => Promise<T>) {
    const before = this.local.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.local.set(name, tail);
    // The entry goes once everyone in line so far is done and nobody joined after.
    void tail.then(() => {
      if (this.local.get(name) === tail) this.local.delete(name);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const acquired = await Promise.race([
        before.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), waitSeconds * 1000);
          timer.unref();
        }),
      ]);
      // Gave up waiting: the holders before keep their order; this place in line passes at once.
      if (!acquired) throw new NamedLockTimeoutError(name);
      return await work();
    } finally {
      clearTimeout(timer);
      release();
    }
  }
}
