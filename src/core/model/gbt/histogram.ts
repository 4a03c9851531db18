/**
 * Gradient/hessian/count histograms: three float64 slots per bin, all features in one array
 * (feature f's bins start at slot offsets[f]). Built feature by feature over binned columns
 * with the node's gradients gathered first, so each feature's bins stay in L1 cache.
 */

/** Scratch for the gathered gradients of one node (grown as needed, never per row). */
export interface HistScratch {
  g: Float64Array;
  h: Float64Array;
  /** A second histogram of one feature (odd rows), so that runs of one bin add in two chains. */
  alt?: Float64Array;
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
  if (!scratch.alt) scratch.alt = new Float64Array(256 * 3);
  const alt = scratch.alt;
  for (let r = 0; r < m; r++) {
    const i = idx[start + r]!;
    gs[r] = g[i]!;
    hs[r] = h[i]!;
  }
  for (let k = 0; k < feats.length; k++) {
    const f = feats[k]!;
    const o = offsets[f]! * 3;
    hist.fill(0, o, offsets[f + 1]! * 3);
    const slots = (offsets[f + 1]! - offsets[f]!) * 3;
    if (slots > FEW_BINS * 3) {
      accumulate(hist, hist, o, o, X[f]!, idx, start, m, gs, hs);
      continue;
    }
    alt.fill(0, 0, slots);
    accumulate(hist, alt, o, 0, X[f]!, idx, start, m, gs, hs);
    for (let j = 0; j < slots; j++) hist[o + j]! += alt[j]!;
  }
}

/** Features with at most this many bins (with missing) get the second array; others rarely repeat a bin. */
const FEW_BINS = 16;

/**
 * Adds rows idx[start..start+m) into `hist` (even positions, from slot o) and `alt` (odd, from
 * slot oa): features with a few bins (categories) otherwise wait on the previous row's add.
 */
function accumulate(
  hist: Float64Array,
  alt: Float64Array,
  o: number,
  oa: number,
  col: Uint8Array,
  idx: Uint32Array,
  start: number,
  m: number,
  gs: Float64Array,
  hs: Float64Array,
): void {
  let r = 0;
  for (; r + 1 < m; r += 2) {
    const j = o + col[idx[start + r]!]! * 3;
    const k = oa + col[idx[start + r + 1]!]! * 3;
    hist[j]! += gs[r]!;
    alt[k]! += gs[r + 1]!;
    hist[j + 1]! += hs[r]!;
    alt[k + 1]! += hs[r + 1]!;
    hist[j + 2]! += 1;
    alt[k + 2]! += 1;
  }
  if (r < m) {
    const j = o + col[idx[start + r]!]! * 3;
    hist[j]! += gs[r]!;
    hist[j + 1]! += hs[r]!;
    hist[j + 2]! += 1;
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
