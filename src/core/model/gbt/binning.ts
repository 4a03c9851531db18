import type { Dataset } from "../types.ts";

/**
 * Features cut into at most 255 bins each (Uint8 columns), from quantiles of the training
 * rows. Numeric bin b holds values in (edges[b-1], edges[b]]; the last bin everything above.
 * A categorical feature's bin is its category index (the last bin also holds the categories
 * beyond it). Missing values get the bin `nBins[f]` of their feature.
 */
export interface Binning {
  nf: number;
  isCat: boolean[];
  /** Number of value bins per feature (the missing bin is one more). */
  nBins: number[];
  /** Upper edges per numeric feature (length nBins - 1). */
  edges: Float64Array[];
  /** Histogram offset of each feature's first bin; total slots = offsets[nf]. */
  offsets: Uint32Array;
}

const SAMPLE = 100_000;

/** Learns bin edges from the training rows (a fixed stride sample of at most 100,000 rows). */
export function learnBinning(ds: Dataset, maxBins: number): Binning {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
    throw new RangeError(`bins must be a whole number from 2 to 255 (got ${maxBins})`);
  }
  const nf = ds.features.length;
  const stride = Math.max(1, Math.floor(ds.n / SAMPLE));
  const isCat: boolean[] = [];
  const nBins: number[] = [];
  const edges: Float64Array[] = [];
  for (let f = 0; f < nf; f++) {
    const spec = ds.features[f]!;
    if (spec.kind === "categorical") {
      isCat.push(true);
      nBins.push(Math.max(1, Math.min(maxBins, spec.categories?.length ?? 1)));
      edges.push(new Float64Array(0));
      continue;
    }
    isCat.push(false);
    const col = ds.columns[f]!;
    const vals: number[] = [];
    for (let i = 0; i < ds.n; i += stride) if (!Number.isNaN(col[i]!)) vals.push(col[i]!);
    const sorted = Float64Array.from(vals).sort();
    // distinct values with counts
    const uniq: number[] = [];
    const cnt: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (uniq.length && uniq[uniq.length - 1] === sorted[i]) cnt[cnt.length - 1]!++;
      else {
        uniq.push(sorted[i]!);
        cnt.push(1);
      }
    }
    const e: number[] = [];
    if (uniq.length <= maxBins) {
      for (let k = 0; k + 1 < uniq.length; k++) e.push((uniq[k]! + uniq[k + 1]!) / 2);
    } else {
      // cut at quantiles, never splitting a distinct value across bins
      const total = sorted.length;
      let acc = 0;
      let next = 1;
      for (let k = 0; k + 1 < uniq.length && e.length < maxBins - 1; k++) {
        acc += cnt[k]!;
        if (acc >= (next * total) / maxBins) {
          e.push((uniq[k]! + uniq[k + 1]!) / 2);
          while (acc >= (next * total) / maxBins) next++;
        }
      }
    }
    edges.push(Float64Array.from(e));
    nBins.push(e.length + 1);
  }
  const offsets = new Uint32Array(nf + 1);
  for (let f = 0; f < nf; f++) offsets[f + 1] = offsets[f]! + nBins[f]! + 1;
  return { nf, isCat, nBins, edges, offsets };
}

/** Bin of raw value `x` of feature `f`. */
export function binOf(b: Binning, f: number, x: number): number {
  if (Number.isNaN(x)) return b.nBins[f]!;
  if (b.isCat[f]) return Math.min(x, b.nBins[f]! - 1);
  const e = b.edges[f]!;
  let lo = 0;
  let hi = e.length; // first edge >= x
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (e[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The dataset's rows binned, one Uint8Array column per feature. */
export function binRows(b: Binning, ds: Dataset): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let f = 0; f < b.nf; f++) {
    const col = ds.columns[f]!;
    const dst = new Uint8Array(ds.n);
    for (let i = 0; i < ds.n; i++) dst[i] = binOf(b, f, col[i]!);
    out.push(dst);
  }
  return out;
}
