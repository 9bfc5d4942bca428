export const PRODUCTIVITIES = ['productive', 'neutral', 'unproductive'] as const;
export type Productivity = (typeof PRODUCTIVITIES)[number];

const RANK: Record<Productivity, number> = { productive: 2, neutral: 1, unproductive: 0 };

/** Where keys of different classes are active at once, productive beats neutral beats unproductive. */
export function bestProductivity(classes: Iterable<Productivity>): Productivity {
  let best: Productivity | null = null;
  for (const c of classes) if (best === null || RANK[c] > RANK[best]) best = c;
  return best ?? 'neutral';
}

export interface ClassTotals {
  productive: number;
  neutral: number;
  unproductive: number;
}

export function emptyClassTotals(): ClassTotals {
  return { productive: 0, neutral: 0, unproductive: 0 };
}

/**
 * Milliseconds to whole seconds so that the parts still add up to the rounded total
 * (largest remainder): productive + neutral + unproductive = active, always.
 */
export function toSecondsKeepingSum(parts: readonly number[]): number[] {
  const total = Math.round(parts.reduce((a, b) => a + b, 0) / 1000);
  const floors = parts.map((ms) => Math.floor(ms / 1000));
  let remainder = total - floors.reduce((a, b) => a + b, 0);
  const order = parts
    .map((ms, i) => ({ i, frac: ms - floors[i] * 1000 }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (remainder <= 0) break;
    out[i]++;
    remainder--;
  }
  return out;
}
