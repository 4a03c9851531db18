import type { Binning } from "./binning.ts";

/** The best split of one node found in its histogram. */
export interface Split {
  gain: number;
  feature: number;
  /** Numeric: left holds bins <= bin. */
  bin: number;
  /** Categorical: 1 for the bins that go left. */
  leftBins: Uint8Array | null;
  missingLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
}

export interface SplitLimits {
  l2: number;
  minLeaf: number;
  minHess: number;
}

const score = (g: number, h: number, l2: number): number => (g * g) / (h + l2);

/**
 * Scans every feature in `feats` for the split with the largest gain, trying missing values on
 * each side. Categorical bins are ordered by gradient/hessian ratio and scanned like numeric ones.
 * Returns null when no split satisfies the limits.
 */
export function bestSplit(
  hist: Float64Array,
  bins: Binning,
  feats: Int32Array,
  G: number,
  H: number,
  C: number,
  lim: SplitLimits,
  order: Int32Array,
  keys: Float64Array,
): Split | null {
  const { l2, minLeaf, minHess } = lim;
  const parent = score(G, H, l2);
  let best: Split | null = null;
  let bestGain = 1e-12;
  for (let k = 0; k < feats.length; k++) {
    const f = feats[k]!;
    const o = bins.offsets[f]!;
    const nb = bins.nBins[f]!;
    const mj = (o + nb) * 3;
    const gm = hist[mj]!;
    const hm = hist[mj + 1]!;
    const cm = hist[mj + 2]!;
    // order of bins to scan
    let m = 0;
    if (bins.isCat[f]) {
      for (let b = 0; b < nb; b++) {
        const j = (o + b) * 3;
        if (hist[j + 2]! > 0) {
          order[m] = b;
          keys[b] = hist[j]! / (hist[j + 1]! + l2 + 1e-9);
          m++;
        }
      }
      const sub = order.subarray(0, m);
      sub.sort((a, b) => keys[a]! - keys[b]!);
    } else {
      for (let b = 0; b < nb; b++) order[m++] = b;
    }
    let gl = 0;
    let hl = 0;
    let cl = 0;
    let chosen = -1;
    let chosenMissingLeft = false;
    let cg = 0;
    let ch = 0;
    let cc = 0;
    // positions 0..m-1: left = order[0..t]; t = m-1 only as "values vs missing"
    for (let t = 0; t < m; t++) {
      const j = (o + order[t]!) * 3;
      gl += hist[j]!;
      hl += hist[j + 1]!;
      cl += hist[j + 2]!;
      for (let side = 0; side < 2; side++) {
        const ml = side === 1;
        if (ml && cm === 0) break;
        if (t === m - 1 && (ml || cm === 0)) continue; // nothing on the right
        const lg = ml ? gl + gm : gl;
        const lh = ml ? hl + hm : hl;
        const lc = ml ? cl + cm : cl;
        const rc = C - lc;
        if (lc < minLeaf || rc < minLeaf) continue;
        const rh = H - lh;
        if (lh < minHess || rh < minHess) continue;
        const gain = score(lg, lh, l2) + score(G - lg, rh, l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          chosen = t;
          chosenMissingLeft = ml;
          cg = lg;
          ch = lh;
          cc = lc;
        }
      }
    }
    if (chosen < 0 || (best && bestGain <= best.gain)) continue;
    let leftBins: Uint8Array | null = null;
    let bin = order[chosen]!;
    if (bins.isCat[f]) {
      leftBins = new Uint8Array(nb);
      for (let t = 0; t <= chosen; t++) leftBins[order[t]!] = 1;
      bin = -1;
    }
    // With no missing values in the node, send future missing values to the bigger side.
    const missingLeft = cm === 0 ? cc >= C - cc : chosenMissingLeft;
    best = { gain: bestGain, feature: f, bin, leftBins, missingLeft, gl: cg, hl: ch, cl: cc };
  }
  return best;
}
