import { rawInput } from "./preprocess.ts";
import { expectedValue, treeShap } from "./treeshap.ts";
import type { Contributions, Dataset, Model } from "./types.ts";

/**
 * Per-feature contributions to row `row`'s log-odds: exact TreeSHAP for trees (base = expected
 * margin over the training data), coefficient times centered standardized value for the
 * regression (base = intercept, one-hot columns summed into their feature). In both,
 * base + sum(values) equals the row's margin.
 */
export function contributions(model: Model, ds: Dataset, row: number): Contributions {
  if (!Number.isInteger(row) || row < 0 || row >= ds.n)
    throw new RangeError(`row must be from 0 to ${ds.n - 1} (got ${row})`);
  const values = new Float64Array(model.features.length);
  if (model.kind === "logistic") {
    model.inputs.forEach((inp, k) => {
      const x = rawInput(inp, ds.columns[inp.feature]![row]!);
      values[inp.feature]! += (model.coef[k]! * (x - inp.mean)) / inp.sd;
    });
    return { base: model.intercept, values };
  }
  let base = model.base;
  for (const t of model.trees) {
    base += expectedValue(t);
    treeShap(t, ds, row, values);
  }
  return { base, values };
}
