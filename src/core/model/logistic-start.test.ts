import { describe, expect, it } from "vitest";
import { rng } from "./gbt/random.ts";
import { trainLogistic } from "./logistic.ts";
import { subsetRows } from "./subset.ts";
import type { Dataset } from "./types.ts";

/** Two numeric columns (one with missing values) and a categorical one, labels from all three. */
function table(n: number): Dataset {
  const r = rng(5);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = r() * 4 - 2;
    b[i] = r() < 0.1 ? Number.NaN : r() * 10;
    c[i] = Math.floor(r() * 3);
    const z = 1.2 * a[i]! + 0.1 * (Number.isNaN(b[i]!) ? 5 : b[i]!) + (c[i] === 2 ? 0.8 : 0) - 0.7;
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    n,
    features: [
      { name: "a", kind: "numeric" },
      { name: "b", kind: "numeric" },
      { name: "c", kind: "categorical", categories: ["x", "y", "z"] },
    ],
    columns: [a, b, c],
    y,
  };
}

describe("trainLogistic with a start", () => {
  it("reaches the same solution from a neighbouring fold's model in fewer Newton steps", () => {
    const ds = table(4000);
    const rows = (keep: (i: number) => boolean) =>
      Uint32Array.from({ length: ds.n }, (_, i) => i).filter((i) => keep(i));
    const foldA = subsetRows(
      ds,
      rows((i) => i % 5 !== 0),
    );
    const foldB = subsetRows(
      ds,
      rows((i) => i % 5 !== 1),
    );
    const a = trainLogistic(foldA, { tol: 1e-12 });
    const cold = trainLogistic(foldB, { tol: 1e-12 });
    const warm = trainLogistic(foldB, { tol: 1e-12 }, a);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.coef.forEach((c, k) => {
      expect(c).toBeCloseTo(cold.coef[k]!, 8);
    });
    expect(warm.intercept).toBeCloseTo(cold.intercept, 8);
  });

  it("ignores a start that does not fit the inputs", () => {
    const ds = table(500);
    const plain = trainLogistic(ds);
    const odd = trainLogistic(ds, {}, { coef: [1, 2], intercept: 3 });
    expect(odd.coef).toEqual(plain.coef);
  });
});
