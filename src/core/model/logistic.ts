import { linearInputs, rawInput } from "./preprocess.ts";
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

/**
 * The design in sparse rows: numeric inputs centered (value - mean, dense), one-hot inputs as a
 * single 1 per categorical feature (missing: none). Standardization is applied in the algebra
 * (see trainLogistic), so the Hessian costs rows x nonzeros^2, not rows x inputs^2.
 */
function sparseDesign(
  inputs: LinearInput[],
  ds: Dataset,
): { ptr: Int32Array; col: Int32Array; val: Float64Array } {
  const numeric: number[] = [];
  const catBase = new Map<number, number>();
  inputs.forEach((inp, k) => {
    if (inp.category === undefined) numeric.push(k);
    else if (!catBase.has(inp.feature)) catBase.set(inp.feature, k - inp.category);
  });
  const cats = [...catBase.entries()];
  const n = ds.n;
  const ptr = new Int32Array(n + 1);
  const col = new Int32Array(n * (numeric.length + cats.length));
  const val = new Float64Array(col.length);
  let z = 0;
  for (let i = 0; i < n; i++) {
    for (const k of numeric) {
      const inp = inputs[k]!;
      col[z] = k;
      val[z++] = rawInput(inp, ds.columns[inp.feature]![i]!) - inp.mean;
    }
    for (const [f, base] of cats) {
      const x = ds.columns[f]![i]!;
      if (Number.isNaN(x)) continue;
      col[z] = base + x;
      val[z++] = 1;
    }
    ptr[i + 1] = z;
  }
  return { ptr, col, val };
}

/**
 * L2-penalized logistic regression on standardized inputs, fitted by Newton's method (IRLS)
 * with step halving. Objective: sum of log losses + l2/2 * |coef|^2 (the intercept is not
 * penalized), i.e. scikit-learn's LogisticRegression with C = 1/l2.
 */
export function trainLogistic(train: Dataset, p: Partial<LogisticParams> = {}): LogisticModel {
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
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let m = c0;
      for (let z = ptr[i]!; z < ptr[i + 1]!; z++) m += beta[col[z]!]! * val[z]!;
      loss += log1pExp(m) - (y[i] ? m : 0);
    }
    let pen = 0;
    for (let k = 0; k < d; k++) pen += wt[k]! * wt[k]!;
    return loss + (params.l2 / 2) * pen;
  };
  const w = new Float64Array(D);
  let f = objective(w);
  let iterations = 0;
  const g = new Float64Array(D);
  const H = new Float64Array(D * D);
  const S = new Float64Array(d * d); // sum h v_a v_b (lower triangle by index)
  const T = new Float64Array(d); // sum h v_a
  const R = new Float64Array(d); // sum r v_a
  const next = new Float64Array(D);
  for (; iterations < params.maxIter; iterations++) {
    S.fill(0);
    T.fill(0);
    R.fill(0);
    let sr = 0;
    let sh = 0;
    const c0 = prepare(w);
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
          const b = col[zb]!;
          const j = a >= b ? a * d + b : b * d + a;
          S[j]! += hv * val[zb]!;
        }
      }
    }
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
