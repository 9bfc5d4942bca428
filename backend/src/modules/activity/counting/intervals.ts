/** A half-open interval [start, end) in epoch milliseconds. */
export type Interval = readonly [start: number, end: number];

/** Sorted, disjoint, non-touching intervals covering exactly the input's points. */
export function unionIntervals(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else {
      out.push([s, e]);
    }
  }
  return out;
}

/** a minus b; both must be unions (sorted, disjoint). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [as, ae] of a) {
    let cursor = as;
    while (j < b.length && b[j][1] <= cursor) j++;
    let k = j;
    while (k < b.length && b[k][0] < ae) {
      const [bs, be] = b[k];
      if (bs > cursor) out.push([cursor, bs]);
      cursor = Math.max(cursor, be);
      if (cursor >= ae) break;
      k++;
    }
    if (cursor < ae) out.push([cursor, ae]);
  }
  return out;
}

/** The parts of a union inside [from, to). */
export function clipIntervals(
  intervals: readonly Interval[],
  from: number,
  to: number,
): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of intervals) {
    const cs = Math.max(s, from);
    const ce = Math.min(e, to);
    if (ce > cs) out.push([cs, ce]);
  }
  return out;
}

export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const [s, e] of intervals) sum += e - s;
  return sum;
}
