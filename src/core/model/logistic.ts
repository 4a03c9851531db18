import { linearInputs } from "./preprocess.ts";
import type { Dataset, LinearInput, LogisticModel, LogisticParams } from "./types.ts";

export const DEFAULT_LOGISTIC: LogisticParams = { l2: 1, maxIter: 100, tol: 1e-7 };

/** Solves the symmetric positive-definite system A x = b (A is d x d row-major) by Cholesky. */
function solveSpd(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      if (i === j) L[i * d + i] = Math.sqrt(Math.max(s, 1e-12));
      else L[i * d + j] = s / L[j * d + j]!;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * z[k]!;
    z[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}

const log1pExp = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Sum of log losses of margins c0 + beta . x over the sparse rows. */
function sumLogLoss(
  ptr: Int32Array,
  col: Int32Array,
  val: Float64Array,
  beta: Float64Array,
  c0: number,
  y: Uint8Array,
  n: number,
): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let m = c0;
    for (let z = ptr[i]!; z < ptr[i + 1]!; z++) m += beta[col[z]!]! * val[z]!;
    loss += log1pExp(m) - (y[i] ? m : 0);
  }
  return loss;
}

/**
 * One pass of Newton sums over the sparse rows at margins c0 + beta . x: S = sum h v_a v_b (lower
 * triangle), T = sum h v_a, R = sum r v_a, and into `out` the sums of r and of h.
 */
function newtonSums(
  ptr: Int32Array,
  col: Int32Array,
  val: Float64Array,
  beta: Float64Array,
  c0: number,
  y: Uint8Array,
  n: number,
  d: number,
  S: Float64Array,
  T: Float64Array,
  R: Float64Array,
  out: Float64Array,
): void {
  S.fill(0);
  T.fill(0);
  R.fill(0);
  let sr = 0;
  let sh = 0;
  for (let i = 0; i < n; i++) {
    const z0 = ptr[i]!;
    const z1 = ptr[i + 1]!;
    let m = c0;
    for (let z = z0; z < z1; z++) m += beta[col[z]!]! * val[z]!;
    const q = 1 / (1 + Math.exp(-m));
    const r = q - y[i]!;
    const h = q * (1 - q);
    sr += r;
    sh += h;
    for (let za = z0; za < z1; za++) {
      const a = col[za]!;
      const va = val[za]!;
      R[a]! += r * va;
      T[a]! += h * va;
      const hv = h * va;
      for (let zb = z0; zb <= za; zb++) {
        S[a * d + col[zb]!]! += hv * val[zb]!; // col rises along the row: b <= a
      }
    }
  }
  out[0] = sr;
  out[1] = sh;
}

/**
 * The design in sparse rows: numeric inputs centered (value - mean, dense), one-hot inputs as a
 * single 1 per categorical feature (missing: none). Standardization is applied in the algebra
 * (see trainLogistic), so the Hessian costs rows x nonzeros^2, not rows x inputs^2.
 */
function sparseDesign(
  inputs: LinearInput[],
  ds: Dataset,
): { ptr: Int32Array; col: Int32Array; val: Float64Array } {
  // one slot per feature, in feature order: column indices rise along every row (newtonSums relies on it)
  const slots: { input: number; base: number }[] = [];
  // linearInputs lists each feature's inputs together, a categorical one from category 0
  inputs.forEach((inp, k) => {
    if (inp.category === undefined) slots.push({ input: k, base: -1 });
    else if (inp.category === 0) slots.push({ input: k, base: k });
  });
  const n = ds.n;
  const width = slots.length;
  // column-wise fill of a rows x width grid, compacted afterwards (missing categories leave holes)
  const gridCol = new Int32Array(n * width).fill(-1);
  const gridVal = new Float64Array(n * width);
  slots.forEach(({ input, base }, slot) => {
    const inp = inputs[input]!;
    const src = ds.columns[inp.feature]!;
    for (let i = 0; i < n; i++) {
      const x = src[i]!;
      if (base < 0) {
        gridCol[i * width + slot] = input;
        gridVal[i * width + slot] = (Number.isNaN(x) ? inp.fill : x) - inp.mean;
      } else if (!Number.isNaN(x)) {
        gridCol[i * width + slot] = base + x;
        gridVal[i * width + slot] = 1;
      }
    }
  });
  return compact(gridCol, gridVal, n, width);
}

/** Drops the -1 holes of a rows x width grid into compressed sparse rows, in place (z <= j). */
function compact(
  gridCol: Int32Array,
  gridVal: Float64Array,
  n: number,
  width: number,
): { ptr: Int32Array; col: Int32Array; val: Float64Array } {
  const ptr = new Int32Array(n + 1);
  const col = gridCol;
  const val = gridVal;
  let z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i * width; j < (i + 1) * width; j++) {
      if (gridCol[j]! < 0) continue;
      col[z] = gridCol[j]!;
      val[z++] = gridVal[j]!;
    }
    ptr[i + 1] = z;
  }
  return { ptr, col, val };
}

/** Where Newton's method starts: a model fitted on similar rows (e.g. the previous fold's). */
export interface LogisticStart {
  coef: readonly number[];
  intercept: number;
}

/**
 * L2-penalized logistic regression on standardized inputs, fitted by Newton's method (IRLS)
 * with step halving. Objective: sum of log losses + l2/2 * |coef|^2 (the intercept is not
 * penalized), i.e. scikit-learn's LogisticRegression with C = 1/l2. A `start` with the same
 * inputs (cross-validation folds of one table) saves Newton steps, not accuracy: the objective
 * is convex and the stopping rule the same; a start worse than the default is ignored.
 */
export function trainLogistic(
  train: Dataset,
  p: Partial<LogisticParams> = {},
  start?: LogisticStart,
): LogisticModel {
  const params = { ...DEFAULT_LOGISTIC, ...p };
  if (!(params.l2 >= 0)) throw new RangeError(`l2 must be at least 0 (got ${params.l2})`);
  const y = train.y;
  if (!y) throw new RangeError("training data has no labels");
  const inputs = linearInputs(train);
  const { ptr, col, val } = sparseDesign(inputs, train);
  const n = train.n;
  const d = inputs.length;
  const D = d + 1; // last parameter: intercept
  // standardized z_k = (v_k - em_k) / sd_k, where v is the sparse value and em the mean left in it
  const em = Float64Array.from(inputs, (inp) => (inp.category === undefined ? 0 : inp.mean));
  const sd = Float64Array.from(inputs, (inp) => inp.sd);
  const beta = new Float64Array(d);
  const prepare = (wt: Float64Array): number => {
    let c0 = wt[d]!;
    for (let k = 0; k < d; k++) {
      beta[k] = wt[k]! / sd[k]!;
      c0 -= beta[k]! * em[k]!;
    }
    return c0;
  };
  const objective = (wt: Float64Array): number => {
    const c0 = prepare(wt);
    const loss = sumLogLoss(ptr, col, val, beta, c0, y, n);
    let pen = 0;
    for (let k = 0; k < d; k++) pen += wt[k]! * wt[k]!;
    return loss + (params.l2 / 2) * pen;
  };
  const w = new Float64Array(D);
  // no start: the intercept at the log-odds of the positive rate (one Newton step fewer)
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  if (pos > 0 && pos < n) w[d] = Math.log(pos / (n - pos));
  let f = objective(w);
  if (start && start.coef.length === d) {
    const w0 = Float64Array.from([...start.coef, start.intercept]);
    const f0 = objective(w0);
    if (f0 < f) {
      w.set(w0);
      f = f0;
    }
  }
  let iterations = 0;
  const g = new Float64Array(D);
  const H = new Float64Array(D * D);
  const S = new Float64Array(d * d); // sum h v_a v_b (lower triangle by index)
  const T = new Float64Array(d); // sum h v_a
  const R = new Float64Array(d); // sum r v_a
  const next = new Float64Array(D);
  const sums = new Float64Array(2);
  for (; iterations < params.maxIter; iterations++) {
    const c0 = prepare(w);
    newtonSums(ptr, col, val, beta, c0, y, n, d, S, T, R, sums);
    const sr = sums[0]!;
    const sh = sums[1]!;
    H.fill(0);
    for (let a = 0; a < d; a++) {
      g[a] = (R[a]! - em[a]! * sr) / sd[a]! + params.l2 * w[a]!;
      for (let b = 0; b <= a; b++) {
        const v =
          (S[a * d + b]! - em[a]! * T[b]! - em[b]! * T[a]! + em[a]! * em[b]! * sh) / (sd[a]! * sd[b]!);
        H[a * D + b] = v;
        H[b * D + a] = v;
      }
      H[a * D + a]! += params.l2;
      const hi = (T[a]! - em[a]! * sh) / sd[a]!;
      H[a * D + d] = hi;
      H[d * D + a] = hi;
    }
    g[d] = sr;
    H[d * D + d] = sh + 1e-10;
    const step = solveSpd(H, g, D);
    let t = 1;
    let fNext = f;
    for (let half = 0; half < 30; half++) {
      for (let k = 0; k < D; k++) next[k] = w[k]! - t * step[k]!;
      fNext = objective(next);
      if (fNext <= f) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let k = 0; k < D; k++) maxStep = Math.max(maxStep, Math.abs(next[k]! - w[k]!));
    w.set(next);
    const done = maxStep < params.tol || Math.abs(f - fNext) <= params.tol * Math.max(1, Math.abs(f));
    f = fNext;
    if (done) {
      iterations++;
      break;
    }
  }
  return {
    kind: "logistic",
    features: train.features,
    inputs,
    coef: Array.from(w.subarray(0, d)),
    intercept: w[d]!,
    params,
    iterations,
  };
}
