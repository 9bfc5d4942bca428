import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from './free-port.js';

// Two private MariaDB servers, a primary with a binary log and its replica (GTID replication),
// for tests that need a real replica. The system MariaDB on 3306 has no binary log, so it cannot
// be a primary; these run from temp directories on ports of their own and leave nothing behind.

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const run = promisify(execFile);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One private mariadbd: started, stopped (SIGKILL, as a crash) and started again on its data. */
export class PrivateMariadb {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  /** mysql:// URL of this server for a user (no password) and database. */
  url(user: string, database: string): string {
    return `mysql://${user}@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    const args = [
      '--no-defaults',
      `--user=${userInfo().username}`,
      `--datadir=${join(this.dir, 'data')}`,
      `--socket=${join(this.dir, 'mariadb.sock')}`,
      `--pid-file=${join(this.dir, 'mariadb.pid')}`,
      `--log-error=${join(this.dir, 'error.log')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      // Small and quick: a test's data fits in a few MB; durability across a crash is not tested.
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=16M',
      '--innodb-flush-log-at-trx-commit=2',
      '--skip-innodb-doublewrite',
      '--performance-schema=OFF',
      ...this.extraArgs,
    ];
    const child = spawn(MARIADBD, args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.child) throw new Error(`${this.name} exited at start:\n${this.errorLog()}`);
      try {
        const c = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.end();
        return;
      } catch {
        if (Date.now() > deadline) {
          await this.kill();
          throw new Error(`${this.name} did not start in 30 s:\n${this.errorLog()}`);
        }
        await sleep(100);
      }
    }
  }

  /** Gone at once, as when the host dies: no shutdown, clients see their connections drop. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** A clean shutdown (SIGTERM), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Runs statements as root; rows of the last one. */
  async query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    const c = await createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      multipleStatements: true,
    });
    try {
      const [rows] = await c.query(sql, values);
      return rows as T[];
    } finally {
      await c.end();
    }
  }

  errorLog(): string {
    const file = join(this.dir, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '';
  }
}

export interface ReplicationPair {
  primary: PrivateMariadb;
  replica: PrivateMariadb;
  /** The application's database and user (no password), made on the primary and replicated. */
  database: string;
  user: string;
  /** Waits until the replica has applied everything written on the primary so far. */
  caughtUp(timeoutSeconds?: number): Promise<void>;
  /** Stops / restarts applying (the SQL thread): the replica falls behind while still answering. */
  stopApplying(): Promise<void>;
  startApplying(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A primary (binary log, server id 1) and a replica of it (server id 2, read-only, GTID
 * replication from the primary's first binary log), both initialised from one fresh data
 * directory, with `database` and a `user` that may do anything in it but cannot write on the
 * read-only replica (no READ ONLY ADMIN). About 5 s on a laptop.
 */
export async function startReplicationPair(
  options: { database?: string; user?: string } = {},
): Promise<ReplicationPair> {
  const database = options.database ?? 'calltimex';
  const user = options.user ?? 'calltimex';
  const root = mkdtempSync(join(tmpdir(), 'ctx-repl-'));
  const servers: PrivateMariadb[] = [];
  const cleanUp = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  // A test process that dies leaves no server behind.
  const killAll = () => servers.forEach((s) => void s.kill());
  process.once('exit', killAll);
  try {
    const template = join(root, 'template');
    await run(INSTALL_DB, [
      '--no-defaults',
      `--user=${userInfo().username}`,
      `--datadir=${template}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
    ]);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primary = new PrivateMariadb('primary', join(root, 'primary'), primaryPort, [
      '--server-id=1',
      '--log-bin=binlog',
      '--binlog-format=ROW',
    ]);
    const replica = new PrivateMariadb('replica', join(root, 'replica'), replicaPort, [
      '--server-id=2',
      '--relay-log=relay-bin',
      '--read-only=ON',
    ]);
    for (const server of [primary, replica]) {
      mkdirSync(server.dir);
      cpSync(template, join(server.dir, 'data'), { recursive: true });
      servers.push(server);
    }
    rmSync(template, { recursive: true, force: true });
    await Promise.all([primary.start(), replica.start()]);

    await primary.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
       CREATE USER '${user}'@'127.0.0.1';
       GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'127.0.0.1';`,
    );
    // Both began as the same empty directory, so the replica takes the primary's whole binary
    // log from its start (gtid_slave_pos is empty): the database and the user above included.
    await replica.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root',
         MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
       START SLAVE;`,
    );
    const pair: ReplicationPair = {
      primary,
      replica,
      database,
      user,
      async caughtUp(timeoutSeconds = 20) {
        const [{ pos }] = await primary.query<{ pos: string }>('SELECT @@gtid_binlog_pos AS pos');
        if (!pos) return;
        const [{ waited }] = await replica.query<{ waited: number }>(
          'SELECT MASTER_GTID_WAIT(?, ?) AS waited',
          [pos, timeoutSeconds],
        );
        if (Number(waited) !== 0) {
          const status = await replica.query('SHOW SLAVE STATUS');
          throw new Error(
            `the replica did not reach ${pos} in ${timeoutSeconds} s: ${JSON.stringify(status)}`,
          );
        }
      },
      async stopApplying() {
        await replica.query('STOP SLAVE SQL_THREAD');
      },
      async startApplying() {
        await replica.query('START SLAVE SQL_THREAD');
      },
      async close() {
        process.off('exit', killAll);
        await cleanUp();
      },
    };
    await pair.caughtUp();
    return pair;
  } catch (error) {
    process.off('exit', killAll);
    await cleanUp();
    throw error;
  }
}
