import { describe, expect, it } from "vitest";
import { metrics } from "../metrics.ts";
import { predict } from "../predict.ts";
import type { Dataset } from "../types.ts";
import { rng } from "./random.ts";
import { trainGbt } from "./train.ts";

function xor(n: number, seed: number): Dataset {
  const r = rng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const noise = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = r() * 2 - 1;
    b[i] = r() * 2 - 1;
    noise[i] = r();
    y[i] = a[i]! > 0 !== b[i]! > 0 ? 1 : 0;
  }
  return {
    n,
    features: [
      { name: "a", kind: "numeric" },
      { name: "b", kind: "numeric" },
      { name: "noise", kind: "numeric" },
    ],
    columns: [a, b, noise],
    y,
  };
}

describe("trainGbt", () => {
  it("learns XOR, which no single split and no linear model can", () => {
    const train = xor(2000, 1);
    const test = xor(1000, 2);
    const m = trainGbt(train, null, { nTrees: 100, learningRate: 0.2, rowSample: 1, colSample: 1 });
    const p = predict(m, test);
    expect(metrics(p, test.y!).auc).toBeGreaterThan(0.99);
    let right = 0;
    for (let i = 0; i < test.n; i++) right += (p[i]! > 0.5 ? 1 : 0) === test.y![i] ? 1 : 0;
    expect(right / test.n).toBeGreaterThan(0.95);
  });

  it("gives identical model JSON for the same seed, and a different one for another seed", () => {
    const ds = xor(1500, 3);
    const a = JSON.stringify(trainGbt(ds, null, { nTrees: 30, seed: 42 }));
    const b = JSON.stringify(trainGbt(ds, null, { nTrees: 30, seed: 42 }));
    const c = JSON.stringify(trainGbt(ds, null, { nTrees: 30, seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("routes missing values the way the data says and splits categories by their rate", () => {
    // x missing means churn; category 2 churns, 0 and 1 do not
    const n = 3000;
    const r = rng(9);
    const x = new Float64Array(n);
    const c = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const miss = r() < 0.3;
      x[i] = miss ? Number.NaN : r();
      c[i] = Math.floor(r() * 3);
      y[i] = (miss ? r() < 0.9 : r() < 0.1) || (c[i] === 2 && r() < 0.5) ? 1 : 0;
    }
    const ds: Dataset = {
      n,
      features: [
        { name: "x", kind: "numeric" },
        { name: "c", kind: "categorical", categories: ["a", "b", "c"] },
      ],
      columns: [x, c],
      y,
    };
    const m = trainGbt(ds, null, { nTrees: 50 });
    const probe: Dataset = {
      n: 4,
      features: ds.features,
      columns: [Float64Array.of(Number.NaN, 0.5, 0.5, 0.5), Float64Array.of(0, 0, 2, 1)],
    };
    const [missing, present, cat2, cat1] = predict(m, probe);
    expect(missing!).toBeGreaterThan(0.8);
    expect(present!).toBeLessThan(0.2);
    expect(cat2!).toBeGreaterThan(present! + 0.2);
    expect(Math.abs(cat1! - present!)).toBeLessThan(0.1);
  });

  it("stops early on the validation rows and keeps the best round", () => {
    const train = xor(1000, 4);
    const valid = xor(300, 5);
    const m = trainGbt(train, valid, { nTrees: 2000, learningRate: 0.3, earlyStopRounds: 10 });
    expect(m.trees.length).toBe(m.bestIteration + 1);
    expect(m.validLoss.length).toBeLessThan(2000);
    expect(Math.min(...m.validLoss)).toBe(m.validLoss[m.bestIteration]);
  });

  it("refuses bad parameters naming the parameter", () => {
    const ds = xor(100, 6);
    expect(() => trainGbt(ds, null, { maxDepth: 0 })).toThrow(/maxDepth must be a whole number/);
    expect(() => trainGbt(ds, null, { rowSample: 1.5 })).toThrow(/rowSample must be in/);
    expect(() => trainGbt(ds, null, { bins: 300 })).toThrow(/bins must be a whole number from 2 to 255/);
  });
});
