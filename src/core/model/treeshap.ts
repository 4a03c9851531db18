import { goesLeft } from "./predict.ts";
import type { Dataset, Tree } from "./types.ts";

/** One element of the feature path (Lundberg, Erion & Lee 2018, algorithm 2). */
interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

function extend(path: PathElement[], depth: number, zero: number, one: number, feature: number): void {
  path[depth] = { feature, zero, one, weight: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1]!.weight += (one * path[i]!.weight * (i + 1)) / (depth + 1);
    path[i]!.weight = (zero * path[i]!.weight * (depth - i)) / (depth + 1);
  }
}

function unwind(path: PathElement[], depth: number, at: number): void {
  const { one, zero } = path[at]!;
  let next = path[depth]!.weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = path[i]!.weight;
      path[i]!.weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (path[i]!.weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i]!.weight = (path[i]!.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = at; i < depth; i++) {
    path[i]!.feature = path[i + 1]!.feature;
    path[i]!.zero = path[i + 1]!.zero;
    path[i]!.one = path[i + 1]!.one;
  }
}

function unwoundSum(path: PathElement[], depth: number, at: number): number {
  const { one, zero } = path[at]!;
  let next = path[depth]!.weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = path[i]!.weight - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += path[i]!.weight / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/**
 * Exact SHAP values of one tree for row `row` of `ds`, added into `phi` (one slot per feature).
 * Node covers are the training hessian sums, so the expected value is the cover-weighted leaf mean.
 */
export function treeShap(t: Tree, ds: Dataset, row: number, phi: Float64Array): void {
  const recurse = (
    node: number,
    parentPath: PathElement[],
    depthIn: number,
    zero: number,
    one: number,
    feature: number,
  ): void => {
    const path = parentPath.slice(0, depthIn).map((e) => ({ ...e }));
    let depth = depthIn;
    extend(path, depth, zero, one, feature);
    const f = t.feature[node]!;
    if (f < 0) {
      for (let i = 1; i <= depth; i++) {
        const w = unwoundSum(path, depth, i);
        const e = path[i]!;
        phi[e.feature]! += w * (e.one - e.zero) * t.value[node]!;
      }
      return;
    }
    const left = goesLeft(t, node, ds.columns[f]![row]!);
    const hot = left ? t.left[node]! : t.right[node]!;
    const cold = left ? t.right[node]! : t.left[node]!;
    const w = t.cover[node]!;
    const hotZero = w > 0 ? t.cover[hot]! / w : 0;
    const coldZero = w > 0 ? t.cover[cold]! / w : 0;
    let inZero = 1;
    let inOne = 1;
    let at = 1;
    for (; at <= depth; at++) if (path[at]!.feature === f) break;
    if (at <= depth) {
      inZero = path[at]!.zero;
      inOne = path[at]!.one;
      unwind(path, depth, at);
      depth--;
    }
    recurse(hot, path, depth + 1, hotZero * inZero, inOne, f);
    recurse(cold, path, depth + 1, coldZero * inZero, 0, f);
  };
  recurse(0, [], 0, 1, 1, -1);
}

/** The tree's expected output: leaf values weighted by cover. */
export function expectedValue(t: Tree): number {
  const root = t.cover[0]!;
  if (!(root > 0)) return 0;
  let s = 0;
  for (let k = 0; k < t.feature.length; k++) if (t.feature[k]! < 0) s += t.value[k]! * t.cover[k]!;
  return s / root;
}
