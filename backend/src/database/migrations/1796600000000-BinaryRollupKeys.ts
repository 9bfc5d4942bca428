import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18 (reports at 10,000 employees): the rollup tables' keys (ids and YYYY-MM-DD days) are
 * compared byte for byte. Under the server's default collation every key comparison in their
 * indexes went through Unicode weights; with `utf8mb4_bin` the organization's 30-day summary read
 * (300,000 day rows) took a quarter to a third less time (measured: docs/performance.md). The
 * values are ids and dates, so the order and equality are the same. The character set stays
 * utf8mb4: a parameter of any text compares without an "illegal mix of collations" error, and a
 * join with another table's id column (utf8mb4_unicode_ci) compares as binary.
 *
 * Written by hand: TypeORM neither generates nor compares MySQL collations. MySQL/MariaDB only;
 * SQLite compares bytes already. Each table is copied once (ALTER … MODIFY), and writes to it
 * wait meanwhile: about 16 s per million rows on a 2-vCPU machine (161 s for the 9.85 million
 * keyset rows of 10,000 people's month; docs/performance.md).
 */
const KEY_COLUMNS: Record<string, [column: string, length: number][]> = {
  activity_day_totals: [
    ['employeeId', 36],
    ['day', 10],
    ['organizationId', 36],
    ['classTeamId', 36],
  ],
  activity_day_keysets: [
    ['employeeId', 36],
    ['day', 10],
    ['keysetId', 36],
    ['organizationId', 36],
  ],
  activity_dirty_days: [
    ['employeeId', 36],
    ['utcDay', 10],
    ['organizationId', 36],
  ],
  activity_rollup_states: [
    ['employeeId', 36],
    ['organizationId', 36],
  ],
  activity_keysets: [
    ['id', 36],
    ['organizationId', 36],
  ],
};

/** `charset` empty: the table's own character set and collation, as the columns had before. */
function alter(table: string, charset: string): string {
  const columns = KEY_COLUMNS[table].map(
    ([column, length]) => `MODIFY \`${column}\` varchar(${length})${charset} NOT NULL`,
  );
  return `ALTER TABLE \`${table}\` ${columns.join(', ')}`;
}

export class BinaryRollupKeys1796600000000 implements MigrationInterface {
  name = 'BinaryRollupKeys1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    for (const table of Object.keys(KEY_COLUMNS)) {
      await queryRunner.query(alter(table, ' CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') return;
    // Ids and dates differ by more than case or accents: going back merges nothing.
    for (const table of Object.keys(KEY_COLUMNS)) await queryRunner.query(alter(table, ''));
  }
}
