import { subsetRows } from "./subset.ts";
import type { Dataset } from "./types.ts";

const encoder = new TextEncoder();

/** FNV-1a 32-bit hash of the UTF-8 bytes of `s` (the anchors' fold function). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** fold = fnv1a_32(utf-8 id) % k, for every id. */
export function assignFolds(ids: readonly string[], k: number): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255)
    throw new RangeError(`folds must be a whole number from 2 to 255 (got ${k})`);
  const out = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = fnv1a32(ids[i]!) % k;
  return out;
}

/** The rows of fold `k` as test, the rest as train (each in original row order). */
export function splitByFold(ds: Dataset, folds: Uint8Array, k: number): { train: Dataset; test: Dataset } {
  const tr: number[] = [];
  const te: number[] = [];
  for (let i = 0; i < ds.n; i++) (folds[i] === k ? te : tr).push(i);
  return { train: subsetRows(ds, Uint32Array.from(tr)), test: subsetRows(ds, Uint32Array.from(te)) };
}
