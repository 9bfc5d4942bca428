import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { createHash } from 'node:crypto';
import { MIGRATIONS } from '#src/database/migrations/index.js';
import { DEFAULT_PASSWORD, uniqueEmail } from '#test/factories/accounts.factory.js';
import { TEST_DB } from '#test/support/test-app.js';
import { cli } from './cli-harness.js';

const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const MIGRATION_NAMES = MIGRATIONS.map((M) => new M().name);
const JWT_SECRET = 'cli-test-secret-cli-test-secret-0123456789';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ctx-cli-'));
}

/** An unmigrated database of the kind this run tests, and a way to drop it. */
async function freshDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  const dataDir = tempDir();
  if (TEST_DB === 'sqlite') {
    return {
      env: { DATA_DIR: dataDir },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  // Named under the run's prefix, so the global teardown drops it even if this file dies.
  const name = `calltimex_t_${process.env.TEST_RUN_ID ?? process.ppid}_cli_${randomUUID().slice(0, 8)}`;
  const admin = await createConnection(MYSQL_ROOT);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_ROOT);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString(), JWT_SECRET },
    drop: async () => {
      const conn = await createConnection(MYSQL_ROOT);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe(`cli: migrate (${TEST_DB})`, () => {
  it('applies every migration once (on MySQL also with two runs at once), then reports up to date', async () => {
    const db = await freshDatabase();
    try {
      const blocked = await cli(['issue-enrollment-token'], db.env);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('run the "migrate" command first');

      // MySQL: concurrent runs serialize on the named lock. SQLite is opened by one process only.
      const parallel = TEST_DB === 'mysql' ? 2 : 1;
      const runs = await Promise.all(
        Array.from({ length: parallel }, () => cli(['migrate'], db.env)),
      );
      expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0));
      const applied =
        runs
          .map((r) => r.stdout)
          .join('')
          .match(/^applied \S+$/gm) ?? [];
      expect(applied).toEqual(MIGRATION_NAMES.map((name) => `applied ${name}`));
      const again = await cli(['migrate'], db.env);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain(
        `Schema is up to date (${MIGRATION_NAMES.length} migrations).`,
      );
      const created = await cli(
        [
          'create-owner',
          '--organization',
          'Migrated',
          '--name',
          'M',
          '--email',
          uniqueEmail(),
          '--password-stdin',
        ],
        db.env,
        DEFAULT_PASSWORD,
      );
      expect(created.code).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('a bad environment lists every bad variable and exits 1', async () => {
    const run = await cli(['migrate'], {
      DATA_DIR: tempDir(),
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('DATABASE_URL must look like mysql://');
  });
});

describe('cli: show-config and help', () => {
  it('prints the configuration with every secret masked', async () => {
    const secrets = {
      JWT_SECRET: 'jwt-secret-value-that-is-long-enough-0123456789',
      DATABASE_URL: 'mysql://calltimex:db-pass-s3cret@mysql.internal:3306/calltimex',
      REDIS_URL: 'redis://:redis-pass-s3cret@redis.internal:6379',
      SMTP_URL: 'smtp://mailer:smtp-pass-s3cret@relay.internal:587',
      BILLING_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const run = await cli(['show-config'], { ...secrets, DATA_DIR: tempDir(), PORT: '8080' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const value of [
      secrets.JWT_SECRET,
      'db-pass-s3cret',
      'redis-pass-s3cret',
      'smtp-pass-s3cret',
      secrets.BILLING_ENCRYPTION_KEY,
    ]) {
      expect(run.stdout).not.toContain(value);
    }
    const shown = JSON.parse(run.stdout) as {
      http: { port: number };
      auth: { jwtSecret: string };
      database: { url: string };
      redis: { url: string };
      mail: { smtpUrl: string };
      billing: { encryptionKeys: unknown[] };
    };
    expect(shown.http.port).toBe(8080);
    expect(shown.auth.jwtSecret).toBe('********');
    expect(shown.database.url).toBe('mysql://calltimex:********@mysql.internal:3306/calltimex');
    expect(shown.redis.url).toBe('redis://:********@redis.internal:6379');
    expect(shown.mail.smtpUrl).toBe('smtp://mailer:********@relay.internal:587');
    expect(shown.billing.encryptionKeys).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{8}$/), key: '********' },
    ]);
  });

  it('--help lists the commands; an unknown command or no command exits 2', async () => {
    const help = await cli(['--help'], {});
    expect(help.code).toBe(0);
    for (const name of [
      'migrate',
      'create-owner',
      'reset-password',
      'issue-enrollment-token',
      'show-config',
      'backup',
      'restore',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    const perCommand = await cli(['backup', '--help'], {});
    expect(perCommand.code).toBe(0);
    expect(perCommand.stdout).toContain('Usage: calltimex-cli backup <dir>');
    expect((await cli([], {})).code).toBe(2);
    const unknown = await cli(['drop-everything'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "drop-everything"');
  });
});

describe('cli: embedded backup and restore', () => {
  let source: string;
  let backups: string;
  const email = uniqueEmail('backup');

  beforeAll(async () => {
    source = tempDir();
    backups = tempDir();
    expect((await cli(['migrate'], { DATA_DIR: source })).code).toBe(0);
    const created = await cli(
      [
        'create-owner',
        '--organization',
        'Backed Up',
        '--name',
        'B',
        '--email',
        email,
        '--password-stdin',
      ],
      { DATA_DIR: source },
      DEFAULT_PASSWORD,
    );
    expect(created.code).toBe(0);
    mkdirSync(join(source, 'files', 'exports'), { recursive: true });
    writeFileSync(join(source, 'files', 'exports', 'report.csv'), 'a,b\n1,2\n');
    mkdirSync(join(source, 'outbox'));
    writeFileSync(join(source, 'outbox', 'mail.eml'), 'Subject: hi\n\nhello');
  });
  afterAll(() => {
    rmSync(source, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });

  const users = (dataDir: string) => {
    const db = new Database(join(dataDir, 'calltimex.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT email FROM users').all() as { email: string }[]).map(
        (r) => r.email,
      );
    } finally {
      db.close();
    }
  };

  async function backup(): Promise<string> {
    const dir = join(backups, randomUUID());
    const run = await cli(['backup', dir], { DATA_DIR: source });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return dir;
  }

  it('copies the database, files, outbox and secrets with a manifest, and restores them', async () => {
    const dir = await backup();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      schema: { latest: string };
      files: { path: string; sha256: string }[];
    };
    expect(manifest.schema.latest).toBe(MIGRATION_NAMES.at(-1));
    expect(manifest.files.map((f) => f.path).sort()).toEqual([
      'billing-key',
      'files/exports/report.csv',
      'outbox/mail.eml',
      'secrets.json',
    ]);
    expect(statSync(join(dir, 'data', 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'calltimex.sqlite-wal'))).toBe(false);

    const target = join(tempDir(), 'data');
    const restored = await cli(['restore', dir], { DATA_DIR: target });
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(users(target)).toEqual([email]);
    for (const file of [
      'secrets.json',
      'billing-key',
      'files/exports/report.csv',
      'outbox/mail.eml',
    ]) {
      expect(readFileSync(join(target, file))).toEqual(readFileSync(join(source, file)));
    }
    // The restored installation works: the CLI sees its schema as current and its owner.
    expect((await cli(['migrate'], { DATA_DIR: target })).stdout).toContain('up to date');
    const reset = await cli(
      ['reset-password', '--email', email, '--password-stdin'],
      { DATA_DIR: target },
      'another-long-passphrase-1',
    );
    expect(reset.code).toBe(0);
  });

  it('refuses a non-empty backup directory and a non-empty DATA_DIR without --force', async () => {
    const dir = await backup();
    const again = await cli(['backup', dir], { DATA_DIR: source });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');

    const target = tempDir();
    writeFileSync(join(target, 'stale.txt'), 'old');
    const refused = await cli(['restore', dir], { DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(existsSync(join(target, 'calltimex.sqlite'))).toBe(false);
    // A process holding the database open (a running api) keeps --force from replacing it.
    const restoredOnce = await cli(['restore', dir, '--force'], { DATA_DIR: target });
    expect(restoredOnce.code).toBe(0);
    writeFileSync(join(target, 'stale.txt'), 'old');
    const holder = new Database(join(target, 'calltimex.sqlite'));
    holder.pragma('journal_mode = WAL');
    holder.prepare('SELECT COUNT(*) FROM users').get();
    const inUse = await cli(['restore', dir, '--force'], { DATA_DIR: target });
    holder.close();
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('is in use (is the api running?)');
    expect(existsSync(join(target, 'stale.txt'))).toBe(true);
    const forced = await cli(['restore', dir, '--force'], { DATA_DIR: target });
    expect(forced.code).toBe(0);
    expect(existsSync(join(target, 'stale.txt'))).toBe(false);
    expect(users(target)).toEqual([email]);
  });

  it('refuses a damaged backup before touching DATA_DIR', async () => {
    const dir = await backup();
    writeFileSync(join(dir, 'data', 'files', 'exports', 'report.csv'), 'tampered');
    const target = join(tempDir(), 'data');
    const run = await cli(['restore', dir], { DATA_DIR: target });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('checksum differs: files/exports/report.csv');
    expect(existsSync(target)).toBe(false);

    const incomplete = await backup();
    rmSync(join(incomplete, 'manifest.json'));
    const noManifest = await cli(['restore', incomplete], { DATA_DIR: target });
    expect(noManifest.code).toBe(1);
    expect(noManifest.stderr).toContain('not a complete CallTimeX backup');

    const missing = await backup();
    rmSync(join(missing, 'data', 'secrets.json'));
    const gone = await cli(['restore', missing], { DATA_DIR: target });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('missing: secrets.json');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a backup from a newer schema', async () => {
    const dir = await backup();
    const dbPath = join(dir, 'calltimex.sqlite');
    const db = new Database(dbPath);
    db.prepare('INSERT INTO migrations (timestamp, name) VALUES (?, ?)').run(
      9999999999999,
      'FutureThing9999999999999',
    );
    db.close();
    // A consistent newer backup: its manifest matches the file.
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      database: { sha256: string; bytes: number };
    };
    manifest.database.sha256 = createHash('sha256').update(readFileSync(dbPath)).digest('hex');
    manifest.database.bytes = statSync(dbPath).size;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const target = join(tempDir(), 'data');
    const run = await cli(['restore', dir], { DATA_DIR: target });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('newer than this release');
    expect(run.stderr).toContain('FutureThing9999999999999');
    expect(existsSync(target)).toBe(false);
  });

  it('is for embedded mode only, and needs a database and a directory', async () => {
    const server = await cli(['backup', join(backups, 'x')], {
      DATA_DIR: source,
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/calltimex',
    });
    expect(server.code).toBe(1);
    expect(server.stderr).toContain('mysqldump');
    expect(server.stderr).toContain('docs/backup-restore.md');
    const restore = await cli(['restore', join(backups, 'x')], {
      DATA_DIR: tempDir(),
      DATABASE_URL: 'mysql://h/db',
    });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('embedded mode');
    const empty = await cli(['backup', join(backups, 'y')], { DATA_DIR: tempDir() });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No embedded database');
    const noDir = await cli(['backup'], { DATA_DIR: source });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('Missing argument: <dir>');
  });
});
