/**
 * Gradient/hessian/count histograms: three float64 slots per bin, all features in one array
 * (feature f's bins start at slot offsets[f]). Built feature by feature over binned columns
 * with the node's gradients gathered first, so each feature's bins stay in L1 cache.
 */

/** Scratch for the gathered gradients of one node (grown as needed, never per row). */
export interface HistScratch {
  g: Float64Array;
  h: Float64Array;
}

/** Fills `hist` with rows idx[start..end) for the features in `feats`. */
export function buildHistogram(
  hist: Float64Array,
  X: Uint8Array[],
  offsets: Uint32Array,
  feats: Int32Array,
  idx: Uint32Array,
  start: number,
  end: number,
  g: Float64Array,
  h: Float64Array,
  scratch: HistScratch,
): void {
  const m = end - start;
  const gs = scratch.g;
  const hs = scratch.h;
  for (let r = 0; r < m; r++) {
    const i = idx[start + r]!;
    gs[r] = g[i]!;
    hs[r] = h[i]!;
  }
  for (let k = 0; k < feats.length; k++) {
    const f = feats[k]!;
    const o = offsets[f]! * 3;
    hist.fill(0, o, offsets[f + 1]! * 3);
    const col = X[f]!;
    for (let r = 0; r < m; r++) {
      const j = o + col[idx[start + r]!]! * 3;
      hist[j]! += gs[r]!;
      hist[j + 1]! += hs[r]!;
      hist[j + 2]! += 1;
    }
  }
}

/** parent -= child over the features in `feats` (the subtraction trick: parent becomes the sibling). */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  offsets: Uint32Array,
  feats: Int32Array,
): void {
  for (let k = 0; k < feats.length; k++) {
    const f = feats[k]!;
    const end = offsets[f + 1]! * 3;
    for (let j = offsets[f]! * 3; j < end; j++) parent[j]! -= child[j]!;
  }
}
