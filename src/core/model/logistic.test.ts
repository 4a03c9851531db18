import { describe, expect, it } from "vitest";
import { datasetFromTable } from "./dataset.ts";
import { trainLogistic } from "./logistic.ts";
import { predict } from "./predict.ts";

/**
 * Reference: scikit-learn 1.2.1 (Debian python3-sklearn), computed once with
 *   X = pd.get_dummies(df[["a","b","c"]]); X = X.fillna(X.median());
 *   LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(StandardScaler().fit_transform(X), y)
 * on the fixture built by `fixture()` below (same formulas in Python). lbfgs stops ~1e-6 short of
 * the optimum Newton reaches, hence five decimals.
 */
const SKLEARN = {
  cols: ["a", "b", "c=x", "c=y", "c=z"],
  coef: [
    1.9940312851567352, 0.6215016514021068, -0.1282160344510044, -0.1697441923566373, 0.30731942269887813,
  ],
  intercept: 2.132748772083446,
  p: [
    0.13540155781235783, 0.7068324539602019, 0.8272770986266877, 0.7836471612876631, 0.955626881831396,
    0.996993007637163, 0.9863896032596688, 0.34294247731954786, 0.7562956543741247, 0.8401787393753033,
    0.9126125964401394, 0.8876099993781226, 0.9791482035790666, 0.9986186512463924, 0.14206002175712681,
    0.5322801302796717, 0.8712420764755079, 0.9543912239623893, 0.9579311976048192, 0.9936507833356043,
    0.990327530886033, 0.6228847499933082, 0.2652660294960649, 0.7127565016078558, 0.9365229135553239,
    0.9615274084766157, 0.9802562828680966, 0.9970780084201522, 0.18957872730804481, 0.782674363642873,
  ],
};

function fixture(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < 30; i++) {
    const a = (i % 7) * 1.5 - 3;
    const missing = i === 4 || i === 17;
    const b = ((i * 37) % 11) / 3;
    const c = ["x", "y", "z"][(i * 5 + Math.floor(i / 4)) % 3]!;
    const y = a + (missing ? 0 : b) * 0.8 + (c === "z" ? 1 : 0) + (((i * 13) % 5) - 2) * 0.9 > 1 ? 1 : 0;
    rows.push({ id: String(i), a: String(a), b: missing ? "" : String(b), c, y: String(y) });
  }
  return rows;
}

describe("trainLogistic", () => {
  it("matches scikit-learn's L2 logistic regression (C = 1) on standardized, imputed, one-hot inputs", () => {
    const { ds } = datasetFromTable(fixture(), { id: "id", label: "y", positive: "1" });
    const m = trainLogistic(ds, { tol: 1e-12 });
    expect(m.inputs.map((x) => x.name)).toEqual(SKLEARN.cols);
    m.coef.forEach((c, k) => {
      expect(c).toBeCloseTo(SKLEARN.coef[k]!, 5);
    });
    expect(m.intercept).toBeCloseTo(SKLEARN.intercept, 5);
    const p = predict(m, ds);
    p.forEach((v, i) => {
      expect(v).toBeCloseTo(SKLEARN.p[i]!, 5);
    });
  });

  it("solves the unpenalized one-feature case in closed form (log-odds of each group)", () => {
    // x in {0, 1}; P(y=1 | x=0) = 1/4, P(y=1 | x=1) = 3/4: intercept + coef * z(x) = logit of the group rate
    const rows = [0, 0, 0, 0, 1, 1, 1, 1].map((x, i) => ({
      x: String(x),
      y: String([1, 0, 0, 0, 1, 1, 1, 0][i]),
    }));
    const { ds } = datasetFromTable(rows, { label: "y", positive: "1" });
    const m = trainLogistic(ds, { l2: 0, tol: 1e-14 });
    const p = predict(m, ds);
    expect(p[0]).toBeCloseTo(0.25, 8);
    expect(p[4]).toBeCloseTo(0.75, 8);
  });

  it("refuses unlabeled data and a negative penalty", () => {
    const { ds } = datasetFromTable([{ x: "1" }, { x: "2" }], {});
    expect(() => trainLogistic(ds)).toThrow(/no labels/);
    const { ds: l } = datasetFromTable(
      [
        { x: "1", y: "1" },
        { x: "2", y: "0" },
      ],
      { label: "y", positive: "1" },
    );
    expect(() => trainLogistic(l, { l2: -1 })).toThrow(/l2 must be at least 0/);
  });
});
