import { describe, expect, it } from "vitest";
import { featurize } from "./features.ts";
import { predictClass, predictProba, trainSparseLogistic } from "./sparse-logistic.ts";
import { crossValidateCategories, predictCategory, trainCategoryModel } from "./ticket-classifier.ts";

const TOY: [string, string][] = [
  ["the invoice total is wrong", "money"],
  ["refund the duplicate invoice charge", "money"],
  ["send me last month's invoice", "money"],
  ["invoice has the wrong tax", "money"],
  ["the app crashes on save", "broken"],
  ["it crashes whenever I export", "broken"],
  ["export crashes with an error", "broken"],
  ["crashes after the update", "broken"],
  ["please add dark mode", "wish"],
  ["please add a gantt view", "wish"],
  ["would love keyboard shortcuts, please add them", "wish"],
  ["please add an offline mode", "wish"],
];

describe("featurize", () => {
  it("gives a unit-norm vector with sorted distinct indexes, the same every time", () => {
    const a = featurize("Hello hello world");
    expect(featurize("Hello hello world")).toEqual(a);
    let n = 0;
    for (let i = 0; i < a.idx.length; i++) {
      n += a.val[i]! ** 2;
      if (i > 0) expect(a.idx[i]!).toBeGreaterThan(a.idx[i - 1]!);
    }
    expect(n).toBeCloseTo(1, 5);
    expect(featurize("").idx.length).toBe(0);
  });
});

describe("sparse one-vs-rest logistic regression", () => {
  const xs = TOY.map(([t]) => featurize(t, { bits: 12 }));
  const ys = TOY.map(([, y]) => y);

  it("learns a toy 3-class set and generalizes to unseen wording", () => {
    const m = trainSparseLogistic(xs, ys, { dims: 1 << 12, seed: 1 });
    expect(m.classes).toEqual(["broken", "money", "wish"]);
    for (let i = 0; i < xs.length; i++) expect(predictClass(m, xs[i]!)).toBe(ys[i]);
    expect(predictClass(m, featurize("where is my invoice", { bits: 12 }))).toBe("money");
    expect(predictClass(m, featurize("the report crashes", { bits: 12 }))).toBe("broken");
    expect(predictClass(m, featurize("please add sso", { bits: 12 }))).toBe("wish");
    const p = predictProba(m, xs[0]!);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("is deterministic: the same data and seed give the same weights", () => {
    const a = trainSparseLogistic(xs, ys, { dims: 1 << 12, seed: 7 });
    const b = trainSparseLogistic(xs, ys, { dims: 1 << 12, seed: 7 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect([...a.bias]).toEqual([...b.bias]);
  });

  it("refuses mismatched or empty input", () => {
    expect(() => trainSparseLogistic(xs, ys.slice(1), { dims: 1 << 12 })).toThrow(/differ/);
    expect(() => trainSparseLogistic([], [], { dims: 1 << 12 })).toThrow(/no training rows/);
  });
});

describe("ticket categories: classifier and cross-validation", () => {
  it("the classifier learns category words; folds never test on a training text", () => {
    const ex = TOY.map(([text, c]) => ({
      text,
      category: ({ money: "billing", broken: "bug", wish: "feature_request" } as const)[c as "money"],
    }));
    const m = trainCategoryModel(ex, "classifier", 12);
    expect(predictCategory(m, "a second invoice arrived")).toBe("billing");
    const cv = crossValidateCategories([...ex, ...ex.map((e) => ({ ...e, text: `${e.text}!` }))], 3);
    expect(cv.folds.reduce((a, f) => a + f.tickets, 0)).toBe(ex.length * 2);
    expect(() => crossValidateCategories(ex, 1)).toThrow(/folds/);
  });
});
