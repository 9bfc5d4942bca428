import { IN_LIST_MAX, inListSlices, readInSlices } from './raw-db.js';

describe('IN list slices', () => {
  it('keeps every value once, in order, in slices no longer than IN_LIST_MAX', () => {
    const values = Array.from({ length: 2 * IN_LIST_MAX + 1 }, (_, i) => i);
    const slices = inListSlices(values);
    expect(slices.map((s) => s.length)).toEqual([IN_LIST_MAX, IN_LIST_MAX, 1]);
    expect(slices.flat()).toEqual(values);
    expect(inListSlices([])).toEqual([]);
  });

  it('stays below MariaDB in_predicate_conversion_threshold (1,000)', () => {
    expect(IN_LIST_MAX).toBeLessThan(1000);
  });

  it('reads two slices at a time and returns the rows in slice order, whatever finishes first', async () => {
    const values = Array.from({ length: 4 * IN_LIST_MAX + 3 }, (_, i) => i);
    let running = 0;
    let mostAtOnce = 0;
    const rows = await readInSlices(values, async (slice) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      // Later slices answer sooner: the order must come from the slices, not from the answers.
      await new Promise((resolve) => setTimeout(resolve, 20 - slice[0] / IN_LIST_MAX));
      running--;
      return slice.map((v) => v * 2);
    });
    expect(rows).toEqual(values.map((v) => v * 2));
    expect(mostAtOnce).toBe(2);
    expect(await readInSlices([], () => Promise.resolve([1]))).toEqual([]);
  });

  it('lets a failed slice fail the whole read', async () => {
    await expect(
      readInSlices([1, 2, 3], () => Promise.reject(new Error('lost connection'))),
    ).rejects.toThrow('lost connection');
  });
});
