import { contributions } from "./contributions.ts";
import type { Dataset, Model } from "./types.ts";

const MAX_ROWS = 2000;

/**
 * Global importance: the mean absolute contribution (log-odds) of each feature over the rows of
 * `ds` (an even sample of at most 2,000 rows), largest first.
 */
export function featureImportance(model: Model, ds: Dataset): { name: string; value: number }[] {
  const sums = new Float64Array(model.features.length);
  const step = Math.max(1, Math.ceil(ds.n / MAX_ROWS));
  let rows = 0;
  for (let i = 0; i < ds.n; i += step) {
    const { values } = contributions(model, ds, i);
    for (let j = 0; j < values.length; j++) sums[j]! += Math.abs(values[j]!);
    rows++;
  }
  return model.features
    .map((f, j) => ({ name: f.name, value: rows ? sums[j]! / rows : 0 }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}
