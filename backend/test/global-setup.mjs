// Each jest run gets its own MariaDB databases (calltimex_t_<run>_<worker>), so runs that overlap on
// one machine (developers, CI) never truncate each other's tables. Leftovers of dead runs are dropped.
import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';

const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function dropDatabases(filter) {
  const admin = await createConnection(MYSQL_ROOT);
  try {
    const [rows] = await admin.query(
      "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'calltimex\\_t\\_%'",
    );
    for (const { name } of rows) {
      if (filter(name)) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await admin.end();
  }
}

export default async function setup() {
  process.env.TEST_RUN_ID = String(process.pid);
  if (process.env.TEST_DB !== 'mysql') return;
  await dropDatabases((name) => {
    const pid = name.split('_')[2];
    return !existsSync(`/proc/${pid}`);
  });
}

export async function teardown() {
  if (process.env.TEST_DB !== 'mysql') return;
  const prefix = `calltimex_t_${process.env.TEST_RUN_ID}_`;
  await dropDatabases((name) => name.startsWith(prefix));
}
