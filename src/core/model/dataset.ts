import type { Dataset, FeatureSpec } from "./types.ts";

export interface TableOptions {
  /** Label column; rows become y = 1 when the value equals `positive`. */
  label?: string;
  /** Label value that counts as positive (default "Yes"; "1", "true" and "yes" also match when absent). */
  positive?: string;
  /** Columns left out. */
  drop?: string[];
  /** Row id column (returned as `ids`, never a feature). */
  id?: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === "";

function isPositive(v: string, positive: string | undefined): boolean {
  const t = v.trim();
  if (positive !== undefined) return t === positive;
  return ["yes", "1", "true"].includes(t.toLowerCase());
}

/**
 * Turns string rows into a dataset. A column is numeric when every non-blank value parses as a
 * number (and at least one does), else categorical with its distinct values sorted. Blank cells
 * are missing (NaN) in both kinds.
 */
export function datasetFromTable(
  rows: Record<string, string>[],
  opts: TableOptions,
): { ds: Dataset; ids: string[] } {
  if (rows.length === 0) throw new RangeError("the table has no rows");
  const head = Object.keys(rows[0]!);
  const need = [opts.label, opts.id, ...(opts.drop ?? [])].filter((c): c is string => c !== undefined);
  for (const c of need) {
    if (!head.includes(c))
      throw new RangeError(`no column ${JSON.stringify(c)} (columns: ${head.join(", ")})`);
  }
  const skip = new Set(need);
  const names = head.filter((c) => !skip.has(c));
  const n = rows.length;
  const features: FeatureSpec[] = [];
  const columns: Float64Array[] = [];
  for (const name of names) {
    let numeric = true;
    let seen = 0;
    for (const r of rows) {
      const v = r[name];
      if (isBlank(v)) continue;
      seen++;
      if (!NUMBER.test(v!.trim())) {
        numeric = false;
        break;
      }
    }
    if (seen === 0) continue; // an empty column carries nothing
    const col = new Float64Array(n);
    if (numeric) {
      for (let i = 0; i < n; i++) {
        const v = rows[i]![name];
        col[i] = isBlank(v) ? Number.NaN : Number(v!.trim());
      }
      features.push({ name, kind: "numeric" });
    } else {
      const cats = [...new Set(rows.map((r) => r[name]).filter((v): v is string => !isBlank(v)))].sort();
      const index = new Map(cats.map((c, k) => [c, k]));
      for (let i = 0; i < n; i++) {
        const v = rows[i]![name];
        col[i] = isBlank(v) ? Number.NaN : index.get(v!)!;
      }
      features.push({ name, kind: "categorical", categories: cats });
    }
    columns.push(col);
  }
  const ids = opts.id === undefined ? rows.map((_, i) => String(i)) : rows.map((r) => r[opts.id!] ?? "");
  const ds: Dataset = { n, features, columns };
  if (opts.label !== undefined) {
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) y[i] = isPositive(rows[i]![opts.label] ?? "", opts.positive) ? 1 : 0;
    ds.y = y;
  }
  return { ds, ids };
}
