import type { Metrics, ReliabilityBin } from "./types.ts";

/** Row order by descending score (stable on ties by row). */
function orderDesc(p: Float64Array): Uint32Array {
  const idx = new Uint32Array(p.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => p[b]! - p[a]! || a - b);
}

/** Area under the ROC curve (ties count one half); NaN when one class is absent. */
export function auc(p: Float64Array, y: Uint8Array): number {
  const idx = orderDesc(p);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  // Mann-Whitney with average ranks over ties, ranks ascending.
  let rankSum = 0;
  let i = 0;
  const n = p.length;
  while (i < n) {
    let j = i;
    while (j + 1 < n && p[idx[j + 1]!] === p[idx[i]!]) j++;
    // positions i..j in descending order -> ascending ranks n-j .. n-i (1-based)
    const avg = (n - j + (n - i)) / 2;
    for (let k = i; k <= j; k++) if (y[idx[k]!]) rankSum += avg;
    i = j + 1;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision (area under the precision-recall curve, step-wise, as scikit-learn). */
function averagePrecision(p: Float64Array, y: Uint8Array, idx: Uint32Array, pos: number): number {
  if (pos === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && p[idx[j + 1]!] === p[idx[i]!]) j++;
    let tpHere = 0;
    for (let k = i; k <= j; k++) tpHere += y[idx[k]!]!;
    tp += tpHere;
    seen += j - i + 1;
    ap += (tpHere / pos) * (tp / seen);
    i = j + 1;
  }
  return ap;
}

/** Ten equal-width bins of predicted probability. */
function reliability(p: Float64Array, y: Uint8Array, bins = 10): ReliabilityBin[] {
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    sp[b]! += p[i]!;
    sy[b]! += y[i]!;
    cnt[b]! += 1;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (cnt[b] === 0) continue;
    out.push({ bin: b, predicted: sp[b]! / cnt[b]!, observed: sy[b]! / cnt[b]!, n: cnt[b]! });
  }
  return out;
}

/** Ranking, probability and calibration quality of probabilities `p` against labels `y`. */
export function metrics(p: Float64Array, y: Uint8Array): Metrics {
  if (p.length !== y.length) throw new RangeError(`${p.length} predictions for ${y.length} labels`);
  const n = p.length;
  const idx = orderDesc(p);
  let pos = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    pos += y[i]!;
    brier += (p[i]! - y[i]!) ** 2;
  }
  const rel = reliability(p, y);
  let ece = 0;
  for (const b of rel) ece += (b.n / n) * Math.abs(b.predicted - b.observed);
  const precisionAt = { "5": 0, "10": 0, "20": 0 };
  const recallAt = { "5": 0, "10": 0, "20": 0 };
  for (const k of ["5", "10", "20"] as const) {
    const top = Math.max(1, Math.ceil((n * Number(k)) / 100));
    let tp = 0;
    for (let i = 0; i < Math.min(top, n); i++) tp += y[idx[i]!]!;
    precisionAt[k] = n === 0 ? Number.NaN : tp / Math.min(top, n);
    recallAt[k] = pos === 0 ? Number.NaN : tp / pos;
  }
  return {
    auc: auc(p, y),
    prAuc: averagePrecision(p, y, idx, pos),
    brier: n === 0 ? Number.NaN : brier / n,
    ece,
    precisionAt,
    recallAt,
    reliability: rel,
  };
}
