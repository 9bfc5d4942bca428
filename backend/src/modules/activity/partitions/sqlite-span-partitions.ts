import { type DroppedPartitions, type SpanPartition, SpanPartitions } from './span-partitions.js';

/** SQLite (embedded, small installations) has no partitions: retention deletes rows there. */
export class SqliteSpanPartitions extends SpanPartitions {
  list(): Promise<SpanPartition[]> {
    return Promise.resolve([]);
  }

  ensureAhead(): Promise<string[]> {
    return Promise.resolve([]);
  }

  dropBefore(): Promise<DroppedPartitions> {
    return Promise.resolve({ partitions: [], estimatedRows: 0 });
  }
}
