// Partition conversion benchmark (issue #18): how long the PartitionedSpans migration takes to turn
// an existing installation's span table into monthly partitions, per million rows.
//
// Migrates a fresh MariaDB database up to the migration before PartitionedSpans, fills
// activity_spans with BENCH_SPANS rows (12 months of spans of BENCH_EMPLOYEES employees, inserted
// directly with multi-row INSERTs), then runs the PartitionedSpans migration as an upgrade would
// and times it; then times dropping the oldest month (what retention now does instead of DELETE).
//
//   npm run bench:partitions -w backend          (builds first)
//   BENCH_SPANS=1000000 BENCH_EMPLOYEES=1000 BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306
//   BENCH_KEEP=1 keeps the database (calltimex_bench_partitions) for a look afterwards
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../dist/database/data-source.js';
import { MIGRATIONS } from '../dist/database/migrations/index.js';
import { createDatabase, fmt } from './support.mjs';

const SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000);
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1_000);
const MONTHS = 12;
const INSERT_ROWS = 1_000;
const DB_NAME = 'calltimex_bench_partitions';
const DAY_MS = 24 * 60 * 60 * 1000;

const APPS = ['Code', 'Slack', 'Outlook', 'Excel', 'Google Chrome', 'Terminal', 'Figma', 'Zoom'];

function dataSource(url, migrations) {
  return new DataSource({
    ...dataSourceOptions({ type: 'mysql', url, poolSize: 4 }, 'mariadb'),
    migrations,
  });
}

async function fill(conn, organizationId, nowMs) {
  const employees = Array.from({ length: EMPLOYEES }, () => ({
    employeeId: randomUUID(),
    deviceId: randomUUID(),
  }));
  const keys = APPS.map(() => randomUUID());
  const firstMs = nowMs - MONTHS * 30 * DAY_MS;
  const stepMs = Math.floor((nowMs - firstMs) / Math.ceil(SPANS / EMPLOYEES));
  let rows = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await conn.query(
      'INSERT INTO activity_spans (deviceId, eventId, organizationId, employeeId, kind, startMs, endMs, keyId, app, title, url, rev) VALUES ?',
      [rows],
    );
    written += rows.length;
    rows = [];
  };
  for (let n = 0; n < SPANS; n++) {
    const e = employees[n % EMPLOYEES];
    const start = firstMs + Math.floor(n / EMPLOYEES) * stepMs + (n % 997) * 1000;
    const idle = n % 10 === 9;
    const app = idle ? null : APPS[n % APPS.length];
    rows.push([
      e.deviceId,
      randomUUID(),
      organizationId,
      e.employeeId,
      idle ? 'idle' : 'active',
      start,
      start + 59_000,
      idle ? null : keys[n % APPS.length],
      app,
      idle ? null : `Quarterly planning ${n % 500} - ${app}`,
      idle || n % 3 ? null : `https://site${n % 60}.example.com/page/${n % 1000}`,
      0,
    ]);
    if (rows.length === INSERT_ROWS) await flush();
  }
  await flush();
  return written;
}

async function tableInfo(conn) {
  await conn.query('ANALYZE TABLE activity_spans');
  const [[size]] = await conn.query(
    `SELECT DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'activity_spans'`,
  );
  const [parts] = await conn.query(
    `SELECT PARTITION_NAME AS name, PARTITION_DESCRIPTION AS bound FROM information_schema.PARTITIONS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'activity_spans' AND PARTITION_NAME IS NOT NULL
      ORDER BY PARTITION_ORDINAL_POSITION`,
  );
  return { bytes: Number(size.bytes), partitions: parts };
}

async function main() {
  const target = MIGRATIONS.findIndex((M) => new M().name.startsWith('PartitionedSpans'));
  if (target < 0) throw new Error('no PartitionedSpans migration');
  const db = await createDatabase(DB_NAME);
  const conn = await mysql.createConnection(db.url);
  try {
    const [[{ version }]] = await conn.query('SELECT VERSION() AS version');
    const [[{ pool }]] = await conn.query('SELECT @@innodb_buffer_pool_size AS pool');
    console.log(
      `MariaDB ${version}, buffer pool ${fmt(Number(pool) / 2 ** 20)} MiB; ${cpus().length} cores ` +
        `(${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30)} GiB; load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );

    const before = dataSource(db.url, MIGRATIONS.slice(0, target));
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();

    const nowMs = Date.now();
    const organizationId = randomUUID();
    let t = performance.now();
    const written = await fill(conn, organizationId, nowMs);
    const fillS = (performance.now() - t) / 1000;
    const unpartitioned = await tableInfo(conn);
    console.log(
      `filled ${fmt(written)} spans of ${fmt(EMPLOYEES)} employees over ${MONTHS} months in ${fillS.toFixed(1)} s ` +
        `(${fmt(unpartitioned.bytes / 2 ** 20)} MiB with indexes)`,
    );

    const after = dataSource(db.url, MIGRATIONS.slice(0, target + 1));
    await after.initialize();
    t = performance.now();
    const applied = await after.runMigrations({ transaction: 'each' });
    const convertS = (performance.now() - t) / 1000;
    await after.destroy();
    if (applied.length !== 1) throw new Error(`expected one migration, ran ${applied.length}`);

    const [[{ n }]] = await conn.query('SELECT COUNT(*) AS n FROM activity_spans');
    if (Number(n) !== written) throw new Error(`rows after conversion: ${n}, expected ${written}`);
    const partitioned = await tableInfo(conn);
    console.log(
      `PartitionedSpans: ${convertS.toFixed(1)} s for ${fmt(written)} rows = ` +
        `${((convertS * 1_000_000) / written).toFixed(1)} s per million rows; ` +
        `${partitioned.partitions.length} partitions (${partitioned.partitions[0]?.name} … pmax), ` +
        `${fmt(partitioned.bytes / 2 ** 20)} MiB`,
    );

    // Retention after the conversion: the oldest month goes whole.
    const oldest = partitioned.partitions[0];
    const [[{ m }]] = await conn.query(
      `SELECT COUNT(*) AS m FROM activity_spans PARTITION (${oldest.name})`,
    );
    t = performance.now();
    await conn.query(`ALTER TABLE activity_spans DROP PARTITION ${oldest.name}`);
    console.log(
      `DROP PARTITION ${oldest.name} (${fmt(Number(m))} rows): ${((performance.now() - t) / 1000).toFixed(2)} s`,
    );
  } finally {
    await conn.end();
    if (process.env.BENCH_KEEP) console.log(`kept database ${DB_NAME}`);
    else await db.drop();
  }
  // createDatabase keeps its admin connection open when the database is kept.
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
