import { rawInput } from "./preprocess.ts";
import type { Dataset, GbtModel, LogisticModel, Model, Tree } from "./types.ts";

/** Whether a row with value `x` goes left at internal node `k` of `t`. */
export function goesLeft(t: Tree, k: number, x: number): boolean {
  if (Number.isNaN(x)) return t.missingLeft[k]!;
  const cats = t.leftCats[k];
  return cats ? cats.includes(x) : x <= t.threshold[k]!;
}

/** Index of the leaf that row `i` of `ds` reaches in `t`. */
export function leafOf(t: Tree, ds: Dataset, i: number): number {
  let k = 0;
  while (t.feature[k]! >= 0) k = goesLeft(t, k, ds.columns[t.feature[k]!]![i]!) ? t.left[k]! : t.right[k]!;
  return k;
}

function checkColumns(model: Model, ds: Dataset): void {
  if (ds.features.length !== model.features.length) {
    throw new RangeError(
      `the model expects ${model.features.length} features, the data has ${ds.features.length}`,
    );
  }
  model.features.forEach((f, j) => {
    if (ds.features[j]!.name !== f.name) {
      throw new RangeError(
        `feature ${j} is ${JSON.stringify(ds.features[j]!.name)}, the model expects ${JSON.stringify(f.name)}`,
      );
    }
  });
}

function logisticMargin(m: LogisticModel, ds: Dataset): Float64Array {
  const out = new Float64Array(ds.n).fill(m.intercept);
  m.inputs.forEach((inp, k) => {
    const w = m.coef[k]! / inp.sd;
    const col = ds.columns[inp.feature]!;
    for (let i = 0; i < ds.n; i++) out[i]! += w * (rawInput(inp, col[i]!) - inp.mean);
  });
  return out;
}

/** A tree in typed arrays with categorical left-sets as bitmaps, for scoring many rows. */
interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  cats: (Uint8Array | null)[];
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** 1 where missing values go right. */
  missRight: Uint8Array;
  /** Every right child is its left sibling + 1 (as trainGbt lays trees out): branch-free descent. */
  siblings: boolean;
  /** No categorical split. */
  numeric: boolean;
  /** Per node: offset of its category bitmap in `catBits` (-1 for a numeric split) and its length. */
  catOff: Int32Array;
  catLen: Int32Array;
  catBits: Uint8Array;
}

function catTable(leftCats: (number[] | null)[]): {
  catOff: Int32Array;
  catLen: Int32Array;
  catBits: Uint8Array;
} {
  const catOff = new Int32Array(leftCats.length).fill(-1);
  const catLen = new Int32Array(leftCats.length);
  let total = 0;
  leftCats.forEach((c, k) => {
    if (!c) return;
    catOff[k] = total;
    catLen[k] = Math.max(0, ...c) + 1;
    total += catLen[k]!;
  });
  const catBits = new Uint8Array(total);
  leftCats.forEach((c, k) => {
    for (const v of c ?? []) catBits[catOff[k]! + v] = 1;
  });
  return { catOff, catLen, catBits };
}

const flatCache = new WeakMap<GbtModel, FlatTree[]>();

function flatten(m: GbtModel): FlatTree[] {
  const hit = flatCache.get(m);
  if (hit) return hit;
  const out = m.trees.map((t) => ({
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    cats: t.leftCats.map((c) => {
      if (!c) return null;
      const bits = new Uint8Array(Math.max(0, ...c) + 1);
      for (const v of c) bits[v] = 1;
      return bits;
    }),
    missingLeft: Uint8Array.from(t.missingLeft, (b) => (b ? 1 : 0)),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
    missRight: Uint8Array.from(t.missingLeft, (b) => (b ? 0 : 1)),
    siblings: t.feature.every((f, k) => f < 0 || t.right[k] === t.left[k]! + 1),
    numeric: t.leftCats.every((c) => !c),
    ...catTable(t.leftCats),
  }));
  flatCache.set(m, out);
  return out;
}

const BLOCK = 2048;

/**
 * Scores rows in blocks of 2,048: every tree over one block while its column slices are in
 * cache (tree by tree over all rows would stream every column once per tree).
 */
function gbtMargin(m: GbtModel, ds: Dataset): Float64Array {
  const out = new Float64Array(ds.n).fill(m.base);
  const cols = ds.columns;
  const trees = flatten(m);
  const nf = cols.length;
  const blk = new Float64Array(BLOCK * nf); // the block's rows, row-major
  for (let b0 = 0; b0 < ds.n; b0 += BLOCK) {
    const b1 = Math.min(ds.n, b0 + BLOCK);
    for (let f = 0; f < nf; f++) {
      const col = cols[f]!;
      for (let i = b0; i < b1; i++) blk[(i - b0) * nf + f] = col[i]!;
    }
    for (const t of trees) {
      const { feature, threshold, cats, missingLeft, missRight, left, right, value } = t;
      if (t.siblings && t.numeric) {
        for (let i = b0; i < b1; i++) {
          const base = (i - b0) * nf;
          let k = 0;
          let f = feature[0]!;
          while (f >= 0) {
            const x = blk[base + f]!;
            // 0 = left, 1 = right; NaN compares false, so missing adds the learned side
            k = left[k]! + (+(x > threshold[k]!) | (missRight[k]! & +Number.isNaN(x)));
            f = feature[k]!;
          }
          out[i]! += value[k]!;
        }
        continue;
      }
      if (t.siblings) {
        const { catOff, catLen, catBits } = t;
        for (let i = b0; i < b1; i++) {
          const base = (i - b0) * nf;
          let k = 0;
          let f = feature[0]!;
          while (f >= 0) {
            const x = blk[base + f]!;
            const o = catOff[k]!;
            // categories: left when the bit is set; unknown categories go right
            const r =
              o < 0
                ? +(x > threshold[k]!) | (missRight[k]! & +Number.isNaN(x))
                : Number.isNaN(x)
                  ? missRight[k]!
                  : x >= 0 && x < catLen[k]!
                    ? 1 - (catBits[o + x] ?? 0)
                    : 1;
            k = left[k]! + r;
            f = feature[k]!;
          }
          out[i]! += value[k]!;
        }
        continue;
      }
      for (let i = b0; i < b1; i++) {
        let k = 0;
        let f = feature[0]!;
        while (f >= 0) {
          const x = cols[f]![i]!;
          const c = cats[k];
          const goLeft = Number.isNaN(x) ? missingLeft[k] === 1 : c ? c[x] === 1 : x <= threshold[k]!;
          k = goLeft ? left[k]! : right[k]!;
          f = feature[k]!;
        }
        out[i]! += value[k]!;
      }
    }
  }
  return out;
}

/** The model's log-odds for every row. */
export function margin(model: Model, ds: Dataset): Float64Array {
  checkColumns(model, ds);
  return model.kind === "logistic" ? logisticMargin(model, ds) : gbtMargin(model, ds);
}

/** The model's probability of the positive label for every row. */
export function predict(model: Model, ds: Dataset): Float64Array {
  const z = margin(model, ds);
  for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
  return z;
}
