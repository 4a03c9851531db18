import type { Dataset, LinearInput } from "./types.ts";

/** Median of the non-missing values (0 when all are missing). */
export function median(col: Float64Array): number {
  const all = new Float64Array(col.length);
  let k = 0;
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i]!)) all[k++] = col[i]!;
  const v = all.subarray(0, k).sort();
  if (v.length === 0) return 0;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** The raw design value of input `inp` for cell value `x` (before standardization). */
export function rawInput(inp: LinearInput, x: number): number {
  if (inp.category !== undefined) return x === inp.category ? 1 : 0;
  return Number.isNaN(x) ? inp.fill : x;
}

/**
 * The logistic model's inputs learned from the training rows: numeric features median-imputed,
 * categorical features one-hot (one column per category, missing = all zeros), each
 * standardized by the training mean and population standard deviation (1 when constant).
 */
export function linearInputs(train: Dataset): LinearInput[] {
  const out: LinearInput[] = [];
  const n = train.n;
  train.features.forEach((f, j) => {
    const col = train.columns[j]!;
    const cols: LinearInput[] =
      f.kind === "numeric"
        ? [{ feature: j, name: f.name, fill: median(col), mean: 0, sd: 1 }]
        : (f.categories ?? []).map((c, k) => ({
            feature: j,
            name: `${f.name}=${c}`,
            category: k,
            fill: 0,
            mean: 0,
            sd: 1,
          }));
    // one pass per feature: value sums (numeric) or category counts (a one-hot's sum = its square sum)
    const sums = new Float64Array(cols.length);
    const squares = new Float64Array(cols.length);
    if (f.kind === "numeric") {
      const fill = cols[0]!.fill;
      let s = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const x = col[i]!;
        const v = Number.isNaN(x) ? fill : x;
        s += v;
        ss += v * v;
      }
      sums[0] = s;
      squares[0] = ss;
    } else {
      for (let i = 0; i < n; i++) {
        const x = col[i]!;
        if (x >= 0 && x < cols.length) sums[x]!++;
      }
      squares.set(sums);
    }
    cols.forEach((inp, k) => {
      const mean = n ? sums[k]! / n : 0;
      const variance = n ? Math.max(0, squares[k]! / n - mean * mean) : 0;
      inp.mean = mean;
      inp.sd = variance > 1e-24 ? Math.sqrt(variance) : 1;
      out.push(inp);
    });
  });
  return out;
}

/** Standardized design matrix, row-major (`n` x `inputs.length`). */
export function designMatrix(inputs: LinearInput[], ds: Dataset): Float64Array {
  const d = inputs.length;
  const X = new Float64Array(ds.n * d);
  for (let k = 0; k < d; k++) {
    const inp = inputs[k]!;
    const col = ds.columns[inp.feature]!;
    for (let i = 0; i < ds.n; i++) X[i * d + k] = (rawInput(inp, col[i]!) - inp.mean) / inp.sd;
  }
  return X;
}
