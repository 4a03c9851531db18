import type { Dataset } from "./types.ts";

/** A new dataset holding the given rows (in the given order) of `ds`. */
export function subsetRows(ds: Dataset, rows: Uint32Array): Dataset {
  const columns = ds.columns.map((c) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c[rows[i]!]!;
    return out;
  });
  let y: Uint8Array | undefined;
  if (ds.y) {
    const src = ds.y;
    y = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) y[i] = src[rows[i]!]!;
  }
  return { n: rows.length, features: ds.features, columns, ...(y ? { y } : {}) };
}

/** The last `fraction` of rows (the newest, when rows are in time order) as validation, the rest as train. */
export function timeOrderedSplit(ds: Dataset, fraction: number): { train: Dataset; valid: Dataset } {
  const nv = Math.min(ds.n - 1, Math.max(1, Math.floor(ds.n * fraction)));
  const nt = ds.n - nv;
  const range = (from: number, count: number): Uint32Array => {
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = from + i;
    return out;
  };
  return { train: subsetRows(ds, range(0, nt)), valid: subsetRows(ds, range(nt, nv)) };
}
