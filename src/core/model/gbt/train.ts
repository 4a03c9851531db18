import type { Dataset, GbtModel, GbtParams } from "../types.ts";
import { binRows, learnBinning } from "./binning.ts";
import { rng } from "./random.ts";
import { addBinTree, type BinTree, Grower, toTree } from "./tree.ts";

/**
 * Defaults chosen for small-to-medium churn tables (thousands to millions of rows, tens of
 * features, noisy labels): shallow trees, slow shrinkage, early stopping; see docs/model.md.
 */
export const DEFAULT_GBT: GbtParams = {
  maxDepth: 4,
  maxLeaves: 15,
  learningRate: 0.15,
  nTrees: 300,
  minLeaf: 20,
  bins: 255,
  rowSample: 0.8,
  colSample: 0.8,
  earlyStopRounds: 15,
  l2: 1,
  seed: 1,
};

function checkParams(p: GbtParams): void {
  const bad = (name: keyof GbtParams, why: string) => {
    throw new RangeError(`${name} ${why} (got ${p[name]})`);
  };
  const whole = (name: keyof GbtParams, min: number) => {
    if (!Number.isInteger(p[name]) || p[name] < min) bad(name, `must be a whole number of at least ${min}`);
  };
  whole("maxDepth", 1);
  whole("maxLeaves", 2);
  whole("nTrees", 1);
  whole("minLeaf", 1);
  whole("earlyStopRounds", 0);
  whole("seed", 0);
  if (!(p.learningRate > 0 && p.learningRate <= 1)) bad("learningRate", "must be in (0, 1]");
  if (!(p.rowSample > 0 && p.rowSample <= 1)) bad("rowSample", "must be in (0, 1]");
  if (!(p.colSample > 0 && p.colSample <= 1)) bad("colSample", "must be in (0, 1]");
  if (!(p.l2 >= 0)) bad("l2", "must be at least 0");
}

/** Log-loss gradients and hessians at the current margins (small functions tier up sooner). */
function gradients(margin: Float64Array, y: Uint8Array, g: Float64Array, h: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const q = 1 / (1 + Math.exp(-margin[i]!));
    g[i] = q - y[i]!;
    h[i] = Math.max(q * (1 - q), 1e-16);
  }
}

/** Bernoulli row sample: in-bag rows into idx (in order), flags in inBag; returns their count. */
function sampleRows(
  rand: () => number,
  rate: number,
  n: number,
  inBag: Uint8Array,
  idx: Uint32Array,
): number {
  let m = 0;
  if (rate < 1) {
    for (let i = 0; i < n; i++) {
      const take = rand() < rate;
      inBag[i] = take ? 1 : 0;
      if (take) idx[m++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) idx[m++] = i;
  }
  return m;
}

function logLoss(margin: Float64Array, y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const m = margin[i]!;
    s += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - (y[i] ? m : 0);
  }
  return s / Math.max(1, y.length);
}

/**
 * Histogram gradient-boosted trees for binary log loss. Deterministic for a given seed. With a
 * validation set (the caller's time-ordered holdout), stops after `earlyStopRounds` rounds
 * without improvement and keeps the best round's trees.
 */
export function trainGbt(train: Dataset, valid: Dataset | null, p: Partial<GbtParams> = {}): GbtModel {
  return fitGbt(train, valid, p, false).model;
}

/**
 * trainGbt, plus `score(rows)`: the kept trees' probabilities for other rows, computed on the
 * training bins (the same routing as `predict` on raw thresholds, since a value goes left exactly
 * when its bin does, with code training has already compiled; cross-validation uses it).
 */
export function trainGbtWithScorer(
  train: Dataset,
  valid: Dataset | null,
  p: Partial<GbtParams> = {},
): { model: GbtModel; score: (rows: Dataset) => Float64Array } {
  return fitGbt(train, valid, p, true);
}

function fitGbt(
  train: Dataset,
  valid: Dataset | null,
  p: Partial<GbtParams>,
  keepBinTrees: boolean,
): { model: GbtModel; score: (rows: Dataset) => Float64Array } {
  const params: GbtParams = { ...DEFAULT_GBT, ...p };
  checkParams(params);
  const y = train.y;
  if (!y) throw new RangeError("training data has no labels");
  if (valid && !valid.y) throw new RangeError("validation data has no labels");
  const n = train.n;
  const nf = train.features.length;
  const bins = learnBinning(train, params.bins);
  const X = binRows(bins, train);
  const Xv = valid ? binRows(bins, valid) : null;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, n)));
  const base = Math.log(rate / (1 - rate));
  const margin = new Float64Array(n).fill(base);
  const vMargin = valid ? new Float64Array(valid.n).fill(base) : null;
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const idx = new Uint32Array(n);
  const inBag = new Uint8Array(n).fill(1);
  const nCats = train.features.map((f) => f.categories?.length ?? 0);
  const grower = new Grower(bins, X);
  const rand = rng(params.seed);
  const nFeat = Math.max(1, Math.round(params.colSample * nf));
  const perm = Int32Array.from({ length: nf }, (_, k) => k);
  const trees: GbtModel["trees"] = [];
  const binTrees: BinTree[] = [];
  const validLoss: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestIteration = -1;
  const opt = {
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves,
    learningRate: params.learningRate,
    l2: params.l2,
    minLeaf: params.minLeaf,
    minHess: 1e-3,
  };
  for (let round = 0; round < params.nTrees; round++) {
    gradients(margin, y, g, h, n);
    const m = sampleRows(rand, params.rowSample, n, inBag, idx);
    // column sample: partial Fisher-Yates, then sorted for memory order
    for (let k = 0; k < nFeat; k++) {
      const j = k + Math.floor(rand() * (nf - k));
      const tmp = perm[k]!;
      perm[k] = perm[j]!;
      perm[j] = tmp;
    }
    const feats = perm.slice(0, nFeat).sort();
    const bt = grower.grow(idx, m, g, h, feats, opt);
    // rows the tree was grown on: from its leaves' row ranges; the others: walk the tree
    grower.addToGrownRows(bt, idx, margin);
    if (m < n) addBinTree(bt, X, n, margin, inBag);
    trees.push(toTree(bt, bins, nCats));
    if (keepBinTrees) binTrees.push(bt);
    if (valid && Xv && vMargin) {
      addBinTree(bt, Xv, valid.n, vMargin);
      const loss = logLoss(vMargin, valid.y!);
      validLoss.push(loss);
      if (loss < best - 1e-12) {
        best = loss;
        bestIteration = round;
      } else if (params.earlyStopRounds > 0 && round - bestIteration >= params.earlyStopRounds) break;
    }
  }
  if (valid && bestIteration >= 0) trees.length = bestIteration + 1;
  const score = (rows: Dataset): Float64Array => {
    if (!keepBinTrees) throw new Error("fitted without its bin trees");
    const Xr = binRows(bins, rows);
    const out = new Float64Array(rows.n).fill(base);
    for (let k = 0; k < trees.length; k++) addBinTree(binTrees[k]!, Xr, rows.n, out);
    for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]!));
    return out;
  };
  const model: GbtModel = {
    kind: "gbt",
    features: train.features,
    base,
    trees,
    params,
    validLoss,
    bestIteration: valid ? bestIteration : trees.length - 1,
  };
  return { model, score };
}
