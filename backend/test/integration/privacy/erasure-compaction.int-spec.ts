import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { JobQueue } from '#src/jobs/job-queue.js';
import { signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { filesHolding } from '#test/support/files.js';
import { startTestApp, TEST_DB, type TestContext } from '#test/support/test-app.js';
import { drainJobs, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { http, identifiersOf, seedPerson, waitForStatus, type Person } from './privacy-fixtures.js';

interface Verification {
  passed: boolean;
  findings: string[];
  deleted: Record<string, number>;
  compactedAt?: string | null;
}

/**
 * Erasure down to the bytes of the database files: SQLite's file and WAL (VACUUM within the
 * erasure), MariaDB's InnoDB .ibd files (rebuilt by the `privacy.compact` job).
 */
describe(`erasure leaves nothing in the database files (${TEST_DB})`, () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let alice: Person;
  let bob: Person;
  let carol: Person;
  let admin: Connection | null = null;
  let ibdDir = '';
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

  beforeAll(async () => {
    ctx = await startTestApp();
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app);
    alice = await seedPerson(ctx, owner.accessToken, 'Alice');
    bob = await seedPerson(ctx, owner.accessToken, 'Bob');
    carol = await seedPerson(ctx, owner.accessToken, 'Carol');
    if (ctx.config.database.type === 'mysql') {
      admin = await createConnection(ctx.config.database.url);
      const [rows] = await admin.query(
        'SELECT @@datadir AS dir, @@innodb_file_per_table AS perTable, DATABASE() AS db',
      );
      const { dir, perTable, db } = (rows as { dir: string; perTable: number; db: string }[])[0];
      // One .ibd file per table is what makes a table's bytes findable (and rebuildable) alone.
      expect(Number(perTable)).toBe(1);
      ibdDir = join(dir, db);
    }
  });
  afterAll(async () => {
    await admin?.end();
    await drainJobs(ctx).catch(() => undefined);
    await jobs.close();
    await ctx.close();
  });

  /** The database's files that hold one of the texts, with every dirty page written out first. */
  const databaseFilesHolding = async (texts: string[]): Promise<string[]> => {
    if (!admin) return filesHolding(ctx.dataDir, texts).filter((f) => /\.sqlite/.test(f));
    const [rows] = await admin.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND ENGINE = 'InnoDB'",
    );
    const tables = (rows as { t: string }[]).map((r) => `\`${r.t}\``);
    // FOR EXPORT flushes the tables' pages from the buffer pool into their .ibd files.
    await admin.query(`FLUSH TABLES ${tables.join(', ')} FOR EXPORT`);
    try {
      const ibd = readdirSync(ibdDir).filter((f) => f.endsWith('.ibd'));
      expect(ibd.length).toBeGreaterThan(20);
      return filesHolding(ibdDir, texts).map((f) => f.slice(ibdDir.length + 1));
    } finally {
      await admin.query('UNLOCK TABLES');
    }
  };

  /**
   * The inodes of each table's .ibd files, one per partition of a partitioned table
   * (`activity_spans#P#p202612.ibd`): a rebuild writes new files.
   */
  const inodes = (): Map<string, number[]> => {
    const byTable = new Map<string, number[]>();
    for (const f of readdirSync(ibdDir).filter((name) => name.endsWith('.ibd'))) {
      const table = f.replace(/\.ibd$/, '').replace(/#P#.*$/, '');
      byTable.set(table, [...(byTable.get(table) ?? []), statSync(join(ibdDir, f)).ino]);
    }
    return byTable;
  };
  /** Every file of the table is a new one. */
  const renewed = (before: number[] | undefined, after: number[] | undefined): boolean =>
    !!before?.length && !!after?.length && after.every((ino) => !before.includes(ino));

  const erase = async (person: Person): Promise<{ id: string; verification: Verification }> => {
    const filed = await http(ctx.app)
      .post('/api/v1/privacy/requests')
      .set(auth(owner.accessToken))
      .send({ type: 'erasure', employeeId: person.employee.id });
    expect(filed.status).toBe(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    return { id: String(filed.body.id), verification: done.verification as Verification };
  };

  const compactedAt = async (id: string): Promise<string | null | undefined> => {
    const res = await http(ctx.app)
      .get(`/api/v1/privacy/requests/${id}`)
      .set(auth(owner.accessToken));
    expect(res.status).toBe(200);
    return (res.body as { verification: Verification }).verification.compactedAt;
  };

  it('after the erasure (SQLite) or the next rebuild job (MariaDB), no database file holds the people', async () => {
    const texts = [...identifiersOf(alice), ...identifiersOf(carol)];
    // Flushed, the files hold both people: the scan can see them.
    const before = await databaseFilesHolding(texts);
    expect(before.length).toBeGreaterThan(0);

    // Two erasures in one window: one rebuild of each table serves both.
    const erased = [await erase(alice), await erase(carol)];
    await drainJobs(ctx);
    for (const { verification } of erased) {
      // No row holds them any more: what follows is about bytes, not rows.
      expect(verification.passed).toBe(true);
      expect(verification.deleted.employees).toBe(1);
      expect(verification.deleted.activity_spans).toBeGreaterThan(0);
    }

    if (TEST_DB === 'mysql') {
      for (const { id, verification } of erased) {
        expect(verification.compactedAt).toBeNull();
        expect(await compactedAt(id)).toBeNull();
      }
      // MariaDB 10.11's purge clears most deleted records in place, MySQL 8 leaves them in the
      // pages; neither is promised, so only the state after the rebuild is asserted.
      const files = inodes();
      await ctx.app.get(JobQueue).enqueue('privacy.compact', { organizationId: null });
      await drainJobs(ctx);
      const rebuilt = inodes();
      for (const table of ['employees', 'activity_spans', 'devices', 'privacy_requests']) {
        expect({ table, rebuilt: renewed(files.get(table), rebuilt.get(table)) }).toEqual({
          table,
          rebuilt: true,
        });
      }
      // Untouched tables are left alone.
      expect(rebuilt.get('organizations')).toEqual(files.get('organizations'));
    } else {
      for (const { verification } of erased) expect(typeof verification.compactedAt).toBe('string');
    }

    expect(await databaseFilesHolding(texts)).toEqual([]);
    // The files searched are the live ones: Bob's rows are found in them.
    const bobs = await databaseFilesHolding([bob.titles[0], bob.employee.email]);
    expect(bobs.length).toBeGreaterThan(0);
    if (TEST_DB === 'mysql') {
      // A partitioned table has a file per partition: activity_spans#P#p202611.ibd.
      expect(bobs.map((f) => f.replace(/#P#[^.]+/, ''))).toEqual(
        expect.arrayContaining(['employees.ibd', 'activity_spans.ibd']),
      );
    }

    const stamps = await Promise.all(erased.map(({ id }) => compactedAt(id)));
    expect(new Date(String(stamps[0])).getTime()).toBeGreaterThan(Date.now() - 120_000);
    // One run handled both (on MariaDB); on SQLite each erasure compacted its own.
    if (TEST_DB === 'mysql') expect(stamps[1]).toBe(stamps[0]);

    // Nothing is left pending: a second run rebuilds nothing and changes no verification.
    const settled = TEST_DB === 'mysql' ? inodes() : null;
    await ctx.app.get(JobQueue).enqueue('privacy.compact', { organizationId: null });
    await drainJobs(ctx);
    expect(await Promise.all(erased.map(({ id }) => compactedAt(id)))).toEqual(stamps);
    if (settled) expect(inodes().get('employees')).toEqual(settled.get('employees'));
  });
  it('rebuilds after erasures completed before compaction was recorded (MariaDB); SQLite vacuumed them at once', async () => {
    const { id } = await erase(bob);
    await drainJobs(ctx);
    // As an older version stored it: a verification without any compactedAt.
    const [row] = await ctx.dataSource.query<{ verification: string }[]>(
      'SELECT verification FROM privacy_requests WHERE id = ?',
      [id],
    );
    const { compactedAt: _dropped, ...older } = JSON.parse(row.verification) as Verification;
    await ctx.dataSource.query('UPDATE privacy_requests SET verification = ? WHERE id = ?', [
      JSON.stringify(older),
      id,
    ]);
    expect(await compactedAt(id)).toBeUndefined();

    await ctx.app.get(JobQueue).enqueue('privacy.compact', { organizationId: null });
    await drainJobs(ctx);
    if (TEST_DB === 'mysql') expect(typeof (await compactedAt(id))).toBe('string');
    else expect(await compactedAt(id)).toBeUndefined();
  });
});
