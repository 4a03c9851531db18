import { describe, expect, it } from "vitest";
import { datasetFromTable } from "./dataset.ts";
import { assignFolds, fnv1a32 } from "./folds.ts";
import { auc, metrics } from "./metrics.ts";

describe("metrics", () => {
  it("computes AUC with ties counted one half", () => {
    // positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5 -> 1/2, 0.5>0.1) = 3.5/4
    expect(auc(Float64Array.of(0.9, 0.5, 0.5, 0.1), Uint8Array.of(1, 1, 0, 0))).toBe(0.875);
    expect(auc(Float64Array.of(0.1, 0.2), Uint8Array.of(1, 1))).toBeNaN();
  });

  it("gives average precision, Brier, precision and recall at the top, and calibration error", () => {
    const p = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05);
    const y = Uint8Array.of(1, 0, 1, 0, 0, 0, 0, 0, 0, 1);
    const m = metrics(p, y);
    expect(m.prAuc).toBeCloseTo((1 / 3) * (1 + 2 / 3 + 3 / 10), 12); // scikit-learn's average_precision_score
    expect(m.precisionAt["10"]).toBe(1); // top 1 row
    expect(m.precisionAt["20"]).toBe(0.5); // top 2 rows
    expect(m.recallAt["20"]).toBeCloseTo(1 / 3, 12);
    let brier = 0;
    p.forEach((v, i) => {
      brier += (v - y[i]!) ** 2;
    });
    expect(m.brier).toBeCloseTo(brier / 10, 12);
    expect(m.reliability.reduce((s, b) => s + b.n, 0)).toBe(10);
    expect(m.ece).toBeGreaterThan(0);
  });
});

describe("folds", () => {
  it("hashes UTF-8 ids as the anchor's fnv1a_32 (values from tabular_reference.py)", () => {
    expect(fnv1a32("7590-VHVEG")).toBe(2030347141);
    expect(fnv1a32("héllo")).toBe(1252296000);
    expect(Array.from(assignFolds(["7590-VHVEG", "héllo"], 5))).toEqual([2030347141 % 5, 1252296000 % 5]);
  });
});

describe("datasetFromTable", () => {
  it("infers numeric columns with blanks as missing and other columns as sorted categories", () => {
    const { ds, ids } = datasetFromTable(
      [
        { id: "a", total: "10.5", plan: "pro", churn: "Yes" },
        { id: "b", total: " ", plan: "basic", churn: "No" },
        { id: "c", total: "3", plan: "", churn: "No" },
      ],
      { id: "id", label: "churn", positive: "Yes" },
    );
    expect(ids).toEqual(["a", "b", "c"]);
    expect(ds.features).toEqual([
      { name: "total", kind: "numeric" },
      { name: "plan", kind: "categorical", categories: ["basic", "pro"] },
    ]);
    expect(Array.from(ds.columns[0]!)).toEqual([10.5, Number.NaN, 3]);
    expect(Array.from(ds.columns[1]!)).toEqual([1, 0, Number.NaN]);
    expect(Array.from(ds.y!)).toEqual([1, 0, 0]);
  });

  it("names a missing column", () => {
    expect(() => datasetFromTable([{ a: "1" }], { label: "churn" })).toThrow(/no column "churn"/);
  });
});
