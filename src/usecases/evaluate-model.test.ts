import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HoldfastError } from "../core/errors.ts";
import { evaluateModel } from "./evaluate-model.ts";

const TELCO = "../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv";
const dir = mkdtempSync(path.join(tmpdir(), "holdfast-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("evaluateModel", () => {
  it("on Telco: logistic regression reproduces the anchor's folds and the best learner reaches 0.846", async () => {
    const r = await evaluateModel({
      csv: TELCO,
      id: "customerID",
      label: "Churn",
      positive: "Yes",
      drop: [],
      folds: 5,
    });
    expect(r.rows).toBe(7043);
    expect(r.positives).toBe(1869);
    expect(r.designColumns).toBe(45); // the anchor's one-hot width
    const lr = r.cv.learners.find((l) => l.name === "logistic_regression")!;
    // tabular_reference.py (scikit-learn LogisticRegression, C=1) on the same folds
    expect(lr.aucFolds.map((a) => Number(a.toFixed(4)))).toEqual([0.8444, 0.8479, 0.8339, 0.8407, 0.8607]);
    const best = r.cv.learners.find((l) => l.name === r.cv.best)!;
    expect(best.aucMean).toBeGreaterThanOrEqual(0.846);
  }, 120_000);

  it("refuses a missing column, an absent positive value and bad folds, naming the flag", async () => {
    const csv = path.join(dir, "t.csv");
    writeFileSync(csv, "id,x,churn\na,1,yes\nb,2,no\nc,3,no\nd,4,yes\n");
    const base = { csv, id: "id", label: "churn", positive: "yes", drop: [], folds: 2 };
    await expect(evaluateModel({ ...base, label: "Churn" })).rejects.toThrow(
      /--label: .* has no column "Churn"/,
    );
    await expect(evaluateModel({ ...base, positive: "Yes" })).rejects.toThrow(
      /--positive: no row has churn = "Yes"/,
    );
    await expect(evaluateModel({ ...base, folds: 1 })).rejects.toThrow(HoldfastError);
    await expect(evaluateModel({ ...base, csv: path.join(dir, "nope.csv") })).rejects.toThrow(
      /--csv: no file/,
    );
  });
});
