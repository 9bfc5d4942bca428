/** One partition of the span table: the rows whose start is before `endMs` and not in an earlier one. */
export interface SpanPartition {
  name: string;
  /** Exclusive upper bound of startMs, epoch ms; null for `pmax` (LESS THAN MAXVALUE). */
  endMs: number | null;
  /** InnoDB's estimate of its rows (information_schema), not a count. */
  estimatedRows: number;
}

export interface DroppedPartitions {
  partitions: string[];
  /** InnoDB's estimate of the rows they held: counting them exactly would read them all. */
  estimatedRows: number;
}

/** How many months after the current one have their own partition before they begin. */
export const PARTITION_MONTHS_AHEAD = 3;

/**
 * The monthly partitions of the span table, where the database has them (MySQL/MariaDB). SQLite
 * keeps one table: there every method does nothing and retention deletes rows.
 */
export abstract class SpanPartitions {
  /** The partitions, oldest first; empty where the table is not partitioned. */
  abstract list(): Promise<SpanPartition[]>;

  /**
   * Gives the month of `nowMs` and the `monthsAhead` after it a partition each (splitting the one
   * that holds them, normally the empty `pmax`); returns the names of the partitions created.
   * Idempotent, and safe when run from two workers at once.
   */
  abstract ensureAhead(nowMs: number, monthsAhead?: number): Promise<string[]>;

  /** Drops every partition whose rows all started before `cutoffMs`. */
  abstract dropBefore(cutoffMs: number): Promise<DroppedPartitions>;
}

/** Months since 1970-01 (UTC) of an instant. */
export function monthIndex(ms: number): number {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** Epoch ms of the first instant of a month (months since 1970-01). */
export function monthStartMs(index: number): number {
  return Date.UTC(1970 + Math.floor(index / 12), index % 12, 1);
}

/** `p202701` holds January 2027 (and, as the first partition, everything before). */
export function partitionName(index: number): string {
  return `p${1970 + Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`;
}

/** One REORGANIZE PARTITION: a partition split at the given month boundaries. */
export interface PartitionSplit {
  partition: SpanPartition;
  /** Month indexes whose end becomes a boundary, ascending; each gets a partition named after it. */
  months: number[];
}

/**
 * Which partitions to split so that each month from `fromMonth` to `toMonth` has its own partition:
 * a missing boundary falls inside exactly one partition (the first whose end is past it).
 */
export function plannedSplits(
  partitions: SpanPartition[],
  fromMonth: number,
  toMonth: number,
): PartitionSplit[] {
  const bounds = new Set(partitions.map((p) => p.endMs));
  const splits = new Map<string, PartitionSplit>();
  // The month before `fromMonth` ends where `fromMonth` starts: that boundary is needed too.
  for (let m = fromMonth - 1; m <= toMonth; m++) {
    const end = monthStartMs(m + 1);
    if (bounds.has(end)) continue;
    const holder = partitions.find((p) => p.endMs === null || p.endMs > end);
    if (!holder) continue;
    const split = splits.get(holder.name) ?? { partition: holder, months: [] };
    split.months.push(m);
    splits.set(holder.name, split);
  }
  return [...splits.values()];
}

/** The partition list of a split: the new months, then the split partition with its own bound. */
export function splitDefinition(split: PartitionSplit): string {
  const parts = split.months.map(
    (m) => `PARTITION ${partitionName(m)} VALUES LESS THAN (${monthStartMs(m + 1)})`,
  );
  const end = split.partition.endMs;
  parts.push(
    `PARTITION ${split.partition.name} VALUES LESS THAN (${end === null ? 'MAXVALUE' : end})`,
  );
  return parts.join(', ');
}
