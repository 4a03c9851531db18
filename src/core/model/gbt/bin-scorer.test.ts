import { describe, expect, it } from "vitest";
import { predict } from "../predict.ts";
import type { Dataset } from "../types.ts";
import { rng } from "./random.ts";
import { trainGbtWithScorer } from "./train.ts";

/** Numeric with missing values and ties, and a categorical column, labels from both. */
function table(n: number, seed: number): Dataset {
  const r = rng(seed);
  const x = new Float64Array(n);
  const c = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = r() < 0.15 ? Number.NaN : Math.round(r() * 40) / 4;
    c[i] = r() < 0.1 ? Number.NaN : Math.floor(r() * 4);
    const risk = (Number.isNaN(x[i]!) ? 0.6 : x[i]! / 10) + (c[i] === 3 ? 0.5 : 0);
    y[i] = r() < risk / 1.6 ? 1 : 0;
  }
  return {
    n,
    features: [
      { name: "x", kind: "numeric" },
      { name: "c", kind: "categorical", categories: ["a", "b", "c", "d"] },
    ],
    columns: [x, c],
    y,
  };
}

describe("trainGbtWithScorer", () => {
  it("scores new rows on the training bins exactly as predict does on raw thresholds", () => {
    const train = table(3000, 1);
    const valid = table(400, 2);
    const test = table(1000, 3);
    // values outside the training range go to the first or last bin in both
    test.columns[0]![0] = -100;
    test.columns[0]![1] = 1e6;
    const { model, score } = trainGbtWithScorer(train, valid, { nTrees: 80, bins: 16 });
    expect(model.trees.length).toBeGreaterThan(1);
    const byBins = score(test);
    const byThresholds = predict(model, test);
    for (let i = 0; i < test.n; i++) expect(byBins[i]).toBeCloseTo(byThresholds[i]!, 12);
  });
});
