/**
 * One-vs-rest L2-regularized logistic regression on sparse inputs, trained by SGD with a
 * decaying step and lazy weight decay (the weight vector is scale * v, so the L2 shrink costs
 * O(1) a step). Rows are visited in an order drawn from a seeded PRNG: the same data and
 * options give the same model. Typed arrays only in the inner loop.
 */
import type { SparseVector } from "./features.ts";

export interface SparseLogisticOptions {
  /** Dimension of the inputs (2^bits of the featurizer). */
  dims: number;
  /** L2 strength (per example, as in scikit-learn's SGDClassifier alpha). Default 1e-4. */
  l2?: number;
  /** Passes over the data. Default 30. */
  epochs?: number;
  /** Initial step. Default 0.5. */
  learningRate?: number;
  seed?: number;
}

export interface SparseLogisticModel {
  readonly classes: readonly string[];
  readonly dims: number;
  /** classes.length x dims, row-major. */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function trainSparseLogistic(
  xs: readonly SparseVector[],
  ys: readonly string[],
  opts: SparseLogisticOptions,
): SparseLogisticModel {
  if (xs.length !== ys.length) throw new RangeError(`rows (${xs.length}) and labels (${ys.length}) differ`);
  if (xs.length === 0) throw new RangeError("no training rows");
  const classes = [...new Set(ys)].sort();
  const { dims } = opts;
  const l2 = opts.l2 ?? 1e-4;
  const epochs = opts.epochs ?? 30;
  const lr0 = opts.learningRate ?? 0.5;
  const weights = new Float32Array(classes.length * dims);
  const bias = new Float64Array(classes.length);
  const order = Uint32Array.from(xs.keys());
  const rand = prng(opts.seed ?? 1);
  const v = new Float64Array(dims);
  for (let c = 0; c < classes.length; c++) {
    const label = classes[c];
    v.fill(0);
    let scale = 1;
    let b = 0;
    let t = 0;
    for (let e = 0; e < epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const tmp = order[i]!;
        order[i] = order[j]!;
        order[j] = tmp;
      }
      for (let k = 0; k < order.length; k++) {
        const r = order[k]!;
        const x = xs[r]!;
        const lr = lr0 / (1 + lr0 * l2 * t++);
        let dot = 0;
        for (let q = 0; q < x.idx.length; q++) dot += v[x.idx[q]!]! * x.val[q]!;
        const margin = scale * dot + b;
        const g = sigmoid(margin) - (ys[r] === label ? 1 : 0);
        scale *= 1 - lr * l2;
        if (scale < 1e-9) {
          for (let d = 0; d < dims; d++) v[d]! *= scale;
          scale = 1;
        }
        const step = (lr * g) / scale;
        for (let q = 0; q < x.idx.length; q++) v[x.idx[q]!]! -= step * x.val[q]!;
        b -= lr * g;
      }
    }
    const off = c * dims;
    for (let d = 0; d < dims; d++) weights[off + d] = v[d]! * scale;
    bias[c] = b;
  }
  return { classes, dims, weights, bias };
}

/** One-vs-rest probabilities, normalized to sum to 1, in `model.classes` order. */
export function predictProba(model: SparseLogisticModel, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes.length);
  let sum = 0;
  for (let c = 0; c < model.classes.length; c++) {
    const off = c * model.dims;
    let z = model.bias[c]!;
    for (let q = 0; q < x.idx.length; q++) z += model.weights[off + x.idx[q]!]! * x.val[q]!;
    out[c] = sigmoid(z);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum || 1;
  return out;
}

export function predictClass(model: SparseLogisticModel, x: SparseVector): string {
  const p = predictProba(model, x);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return model.classes[best]!;
}
