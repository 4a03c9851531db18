import type { Tree } from "../types.ts";
import type { Binning } from "./binning.ts";
import { buildHistogram, type HistScratch, subtractHistogram } from "./histogram.ts";
import { bestSplit, type Split, type SplitLimits } from "./split.ts";

/** A tree over bins, used while training (raw thresholds are filled in for the model). */
export interface BinTree {
  feature: Int32Array;
  bin: Int32Array;
  leftBins: (Uint8Array | null)[];
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  gain: Float64Array;
  /** Node k sends bin b left when dir[k * 256 + b] is 1 (the missing bin included). */
  dir: Uint8Array;
  size: number;
}

export interface GrowOptions extends SplitLimits {
  maxDepth: number;
  maxLeaves: number;
  learningRate: number;
}

const EMPTY = new Float64Array(0);

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array;
  split: Split | null;
}

/** Scratch buffers reused across trees (no allocation per row). */
export class Grower {
  private pool: Float64Array[] = [];
  private readonly order: Int32Array;
  private readonly keys: Float64Array;
  private readonly scratch: Uint32Array;
  /** The leaves of the last grown tree with their row ranges in idx. */
  private leaves: Leaf[] = [];
  private readonly bins: Binning;
  private readonly X: Uint8Array[];
  private readonly hs: HistScratch;
  constructor(bins: Binning, X: Uint8Array[]) {
    this.bins = bins;
    this.X = X;
    this.order = new Int32Array(256);
    this.keys = new Float64Array(256);
    const n = X[0]?.length ?? 0;
    this.scratch = new Uint32Array(n);
    this.hs = { g: new Float64Array(n), h: new Float64Array(n) };
  }

  private takeHist(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.bins.offsets[this.bins.nf]! * 3);
  }

  /** Fills node `k`'s row of the direction table from split `s`. */
  private setDirections(dir: Uint8Array, k: number, s: Split): void {
    const nb = this.bins.nBins[s.feature]!;
    const base = k * 256;
    const lb = s.leftBins;
    for (let b = 0; b < nb; b++) dir[base + b] = (lb ? lb[b] === 1 : b <= s.bin) ? 1 : 0;
    dir[base + nb] = s.missingLeft ? 1 : 0;
  }

  /**
   * Grows one tree best-first over rows idx[0..m) with gradients g and hessians h, splitting the
   * leaf with the largest gain until maxLeaves or no split passes the limits.
   */
  grow(
    idx: Uint32Array,
    m: number,
    g: Float64Array,
    h: Float64Array,
    feats: Int32Array,
    opt: GrowOptions,
  ): BinTree {
    const cap = 2 * opt.maxLeaves;
    const t: BinTree = {
      feature: new Int32Array(cap).fill(-1),
      bin: new Int32Array(cap),
      leftBins: new Array(cap).fill(null),
      missingLeft: new Uint8Array(cap),
      left: new Int32Array(cap).fill(-1),
      right: new Int32Array(cap).fill(-1),
      value: new Float64Array(cap),
      cover: new Float64Array(cap),
      gain: new Float64Array(cap),
      dir: new Uint8Array(cap * 256),
      size: 1,
    };
    const { X, bins } = this;
    let G = 0;
    let H = 0;
    for (let r = 0; r < m; r++) {
      G += g[idx[r]!]!;
      H += h[idx[r]!]!;
    }
    const rootHist = this.takeHist();
    buildHistogram(rootHist, X, bins.offsets, feats, idx, 0, m, g, h, this.hs);
    const findSplit = (l: Leaf): void => {
      l.split =
        l.depth < opt.maxDepth && l.c >= 2 * opt.minLeaf
          ? bestSplit(l.hist, bins, feats, l.g, l.h, l.c, opt, this.order, this.keys)
          : null;
    };
    const root: Leaf = { node: 0, start: 0, end: m, depth: 0, g: G, h: H, c: m, hist: rootHist, split: null };
    findSplit(root);
    const open: Leaf[] = [root];
    const done: Leaf[] = [];
    let leaves = 1;
    while (leaves < opt.maxLeaves) {
      let bi = -1;
      for (let k = 0; k < open.length; k++) {
        const s = open[k]!.split;
        if (s && (bi < 0 || s.gain > open[bi]!.split!.gain)) bi = k;
      }
      if (bi < 0) break;
      const p = open[bi]!;
      open.splice(bi, 1);
      const s = p.split!;
      // stable partition (left rows first, both sides keep row order for memory locality)
      const scratch = this.scratch;
      this.setDirections(t.dir, p.node, s);
      const lo = partition(idx, p.start, p.end, X[s.feature]!, t.dir, p.node * 256, scratch);
      idx.set(scratch.subarray(0, p.end - lo), lo);
      const ln = t.size;
      const rn = t.size + 1;
      t.size += 2;
      t.feature[p.node] = s.feature;
      t.bin[p.node] = s.bin;
      t.leftBins[p.node] = s.leftBins;
      t.missingLeft[p.node] = s.missingLeft ? 1 : 0;
      t.left[p.node] = ln;
      t.right[p.node] = rn;
      t.gain[p.node] = s.gain;
      const L: Leaf = {
        node: ln,
        start: p.start,
        end: lo,
        depth: p.depth + 1,
        g: s.gl,
        h: s.hl,
        c: lo - p.start,
        hist: p.hist,
        split: null,
      };
      const R: Leaf = {
        node: rn,
        start: lo,
        end: p.end,
        depth: p.depth + 1,
        g: p.g - s.gl,
        h: p.h - s.hl,
        c: p.end - lo,
        hist: p.hist,
        split: null,
      };
      done.push(p);
      leaves++;
      // A child that can never split needs no histogram (most of the deepest level).
      const canSplit = (l: Leaf) =>
        leaves < opt.maxLeaves && l.depth < opt.maxDepth && l.c >= 2 * opt.minLeaf;
      const small = L.c <= R.c ? L : R;
      const large = small === L ? R : L;
      if (canSplit(small) || canSplit(large)) {
        // build the smaller child's histogram, the larger one is parent minus it
        small.hist = this.takeHist();
        buildHistogram(small.hist, X, bins.offsets, feats, idx, small.start, small.end, g, h, this.hs);
        subtractHistogram(p.hist, small.hist, bins.offsets, feats);
        large.hist = p.hist;
        findSplit(L);
        findSplit(R);
      } else {
        this.pool.push(p.hist);
        L.hist = EMPTY;
        R.hist = EMPTY;
      }
      open.push(L, R);
    }
    this.leaves = open;
    for (const l of open) {
      t.value[l.node] = (-l.g / (l.h + opt.l2)) * opt.learningRate;
      if (l.hist !== EMPTY) this.pool.push(l.hist);
    }
    // covers: hessian sums, leaves from their rows, internal nodes as sums of children
    for (const l of open) t.cover[l.node] = l.h;
    for (let k = done.length - 1; k >= 0; k--) {
      const n = done[k]!.node;
      t.cover[n] = t.cover[t.left[n]!]! + t.cover[t.right[n]!]!;
    }
    return t;
  }

  /** Adds the last tree's leaf values to the margins of the rows it was grown on (idx[0..m)). */
  addToGrownRows(t: BinTree, idx: Uint32Array, margin: Float64Array): void {
    for (const l of this.leaves) {
      const v = t.value[l.node]!;
      for (let r = l.start; r < l.end; r++) margin[idx[r]!]! += v;
    }
  }
}

/**
 * Moves the rows of idx[start..end) that go left (dir[base + bin] = 1) to the front in order and
 * the others to `scratch[0..)`; returns the end of the left rows.
 */
function partition(
  idx: Uint32Array,
  start: number,
  end: number,
  col: Uint8Array,
  dir: Uint8Array,
  base: number,
  scratch: Uint32Array,
): number {
  let lo = start;
  let nr = 0;
  for (let r = start; r < end; r++) {
    const i = idx[r]!;
    if (dir[base + col[i]!] === 1) idx[lo++] = i;
    else scratch[nr++] = i;
  }
  return lo;
}

/** Adds the tree's output for every row of binned X to `margin` (rows where `skip` is 1 left out). */
export function addBinTree(
  t: BinTree,
  X: Uint8Array[],
  n: number,
  margin: Float64Array,
  skip?: Uint8Array,
): void {
  const { feature, dir, left, right, value } = t;
  for (let i = 0; i < n; i++) {
    if (skip && skip[i] === 1) continue;
    let node = 0;
    while (feature[node]! >= 0) {
      node = dir[node * 256 + X[feature[node]!]![i]!] === 1 ? left[node]! : right[node]!;
    }
    margin[i]! += value[node]!;
  }
}

/** The model form of a bin tree: raw thresholds, category lists, plain arrays. */
export function toTree(t: BinTree, bins: Binning, nCategories: number[]): Tree {
  const n = t.size;
  const out: Tree = {
    feature: [],
    threshold: [],
    leftCats: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
    gain: [],
  };
  for (let k = 0; k < n; k++) {
    const f = t.feature[k]!;
    out.feature.push(f);
    out.left.push(t.left[k]!);
    out.right.push(t.right[k]!);
    out.value.push(f < 0 ? t.value[k]! : 0);
    out.cover.push(t.cover[k]!);
    out.gain.push(t.gain[k]!);
    out.missingLeft.push(t.missingLeft[k] === 1);
    if (f < 0) {
      out.threshold.push(0);
      out.leftCats.push(null);
    } else if (bins.isCat[f]) {
      const lb = t.leftBins[k]!;
      const cats: number[] = [];
      const last = bins.nBins[f]! - 1;
      for (let c = 0; c < nCategories[f]!; c++) if (lb[Math.min(c, last)] === 1) cats.push(c);
      out.threshold.push(0);
      out.leftCats.push(cats);
    } else {
      const e = bins.edges[f]!;
      const b = t.bin[k]!;
      out.threshold.push(b < e.length ? e[b]! : Number.MAX_VALUE);
      out.leftCats.push(null);
    }
  }
  return out;
}
