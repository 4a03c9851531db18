import { describe, expect, it } from "vitest";
import { contributions } from "./contributions.ts";
import { datasetFromTable } from "./dataset.ts";
import { rng } from "./gbt/random.ts";
import { trainGbt } from "./gbt/train.ts";
import { featureImportance } from "./importance.ts";
import { trainLogistic } from "./logistic.ts";
import { goesLeft, margin } from "./predict.ts";
import type { Dataset, Tree } from "./types.ts";

function fixture(n: number): Dataset {
  const r = rng(11);
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const a = r() * 10;
    const b = r() < 0.15 ? "" : (r() * 4).toFixed(2);
    const c = ["basic", "pro", "team"][Math.floor(r() * 3)]!;
    const d = r();
    const z =
      (a > 6 ? 1.2 : -0.4) +
      (b === "" ? 0.8 : Number(b) > 2 ? -0.7 : 0.3) +
      (c === "pro" ? 0.6 : 0) +
      (a > 3 && d > 0.5 ? 0.9 : 0);
    rows.push({ a: a.toFixed(3), b, c, d: d.toFixed(3), y: r() < 1 / (1 + Math.exp(-z)) ? "1" : "0" });
  }
  return datasetFromTable(rows, { label: "y", positive: "1" }).ds;
}

/** Path-dependent conditional expectation of one tree given the features in `s` (bit mask). */
function condExpect(t: Tree, ds: Dataset, row: number, s: number, node = 0): number {
  const f = t.feature[node]!;
  if (f < 0) return t.value[node]!;
  const l = t.left[node]!;
  const r = t.right[node]!;
  if (s & (1 << f)) return condExpect(t, ds, row, s, goesLeft(t, node, ds.columns[f]![row]!) ? l : r);
  const w = t.cover[node]!;
  return (t.cover[l]! * condExpect(t, ds, row, s, l) + t.cover[r]! * condExpect(t, ds, row, s, r)) / w;
}

/** Shapley values by enumerating every feature subset (the definition TreeSHAP computes fast). */
function bruteShap(trees: Tree[], ds: Dataset, row: number): number[] {
  const m = ds.features.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const v = (s: number) => trees.reduce((acc, t) => acc + condExpect(t, ds, row, s), 0);
  const phi = new Array(m).fill(0);
  for (let s = 0; s < 1 << m; s++) {
    const size = s.toString(2).split("1").length - 1;
    for (let j = 0; j < m; j++) {
      if (s & (1 << j)) continue;
      const w = (fact(size) * fact(m - size - 1)) / fact(m);
      phi[j] += w * (v(s | (1 << j)) - v(s));
    }
  }
  return phi;
}

describe("contributions", () => {
  const ds = fixture(800);
  const gbt = trainGbt(ds, null, { nTrees: 40, maxDepth: 4, maxLeaves: 12, minLeaf: 10 });

  it("TreeSHAP: base + contributions equals the margin for every row", () => {
    const z = margin(gbt, ds);
    for (let i = 0; i < ds.n; i++) {
      const { base, values } = contributions(gbt, ds, i);
      expect(base + values.reduce((s, v) => s + v, 0)).toBeCloseTo(z[i]!, 9);
    }
  });

  it("TreeSHAP equals Shapley values computed by enumerating subsets", () => {
    for (const row of [0, 1, 2, 17, 99, 400]) {
      const { values } = contributions(gbt, ds, row);
      const brute = bruteShap(gbt.trees, ds, row);
      values.forEach((v, j) => {
        expect(v).toBeCloseTo(brute[j]!, 9);
      });
    }
  });

  it("logistic regression: coefficient times centered value, summing to the margin", () => {
    const lr = trainLogistic(ds);
    const z = margin(lr, ds);
    for (let i = 0; i < ds.n; i += 7) {
      const { base, values } = contributions(lr, ds, i);
      expect(base).toBe(lr.intercept);
      expect(base + values.reduce((s, v) => s + v, 0)).toBeCloseTo(z[i]!, 9);
    }
  });
});

describe("featureImportance", () => {
  it("ranks the features the label depends on above pure noise", () => {
    const ds = fixture(800);
    const noise = Float64Array.from({ length: ds.n }, (_, i) => (i * 7919) % 101);
    const withNoise = {
      ...ds,
      features: [...ds.features, { name: "noise", kind: "numeric" as const }],
      columns: [...ds.columns, noise],
    };
    const gbt = trainGbt(withNoise, null, { nTrees: 40 });
    const imp = featureImportance(gbt, withNoise);
    expect(imp.map((x) => x.name).indexOf("noise")).toBeGreaterThan(imp.map((x) => x.name).indexOf("a"));
    expect(imp[0]!.value).toBeGreaterThan(imp.find((x) => x.name === "noise")!.value);
  });
});
