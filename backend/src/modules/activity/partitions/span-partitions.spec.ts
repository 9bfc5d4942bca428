import {
  monthIndex,
  monthStartMs,
  partitionName,
  plannedSplits,
  type SpanPartition,
  splitDefinition,
} from './span-partitions.js';

const part = (name: string, end: string | null): SpanPartition => ({
  name,
  endMs: end === null ? null : Date.parse(end),
  estimatedRows: 0,
});

describe('monthly span partitions', () => {
  it('counts months in UTC and names a partition after the month it ends', () => {
    const jan2027 = monthIndex(Date.parse('2027-01-31T23:59:59.999Z'));
    expect(monthIndex(Date.parse('2027-02-01T00:00:00Z'))).toBe(jan2027 + 1);
    expect(monthStartMs(jan2027)).toBe(Date.parse('2027-01-01T00:00:00Z'));
    expect(monthStartMs(jan2027 + 12)).toBe(Date.parse('2028-01-01T00:00:00Z'));
    expect(partitionName(jan2027)).toBe('p202701');
    expect(partitionName(jan2027 - 1)).toBe('p202612');
  });

  it('splits pmax for the months ahead that have no partition, once', () => {
    const layout = [
      part('p202611', '2026-12-01T00:00:00Z'),
      part('p202612', '2027-01-01T00:00:00Z'),
      part('pmax', null),
    ];
    const now = monthIndex(Date.parse('2026-12-05T11:00:00Z'));
    const splits = plannedSplits(layout, now, now + 3);
    expect(splits.map((s) => [s.partition.name, s.months.map(partitionName)])).toEqual([
      ['pmax', ['p202701', 'p202702', 'p202703']],
    ]);
    expect(splitDefinition(splits[0])).toBe(
      `PARTITION p202701 VALUES LESS THAN (${Date.parse('2027-02-01T00:00:00Z')}), ` +
        `PARTITION p202702 VALUES LESS THAN (${Date.parse('2027-03-01T00:00:00Z')}), ` +
        `PARTITION p202703 VALUES LESS THAN (${Date.parse('2027-04-01T00:00:00Z')}), ` +
        'PARTITION pmax VALUES LESS THAN (MAXVALUE)',
    );
    const done = [
      ...layout.slice(0, 2),
      part('p202701', '2027-02-01T00:00:00Z'),
      part('p202702', '2027-03-01T00:00:00Z'),
      part('p202703', '2027-04-01T00:00:00Z'),
      part('pmax', null),
    ];
    expect(plannedSplits(done, now, now + 3)).toEqual([]);
  });

  it('splits the partition that holds a past month, keeping its own bound', () => {
    const layout = [part('p202612', '2027-01-01T00:00:00Z'), part('pmax', null)];
    const march = monthIndex(Date.parse('2026-03-10T00:00:00Z'));
    const [split, ...rest] = plannedSplits(layout, march, march + 1);
    expect(rest).toEqual([]);
    expect(split.partition.name).toBe('p202612');
    expect(split.months.map(partitionName)).toEqual(['p202602', 'p202603', 'p202604']);
    expect(splitDefinition(split)).toMatch(
      new RegExp(`PARTITION p202612 VALUES LESS THAN \\(${Date.parse('2027-01-01T00:00:00Z')}\\)$`),
    );
  });
});
