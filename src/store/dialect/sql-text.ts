import type { BulkTable, Row, RowTable } from "./dialect.ts";

/** SQL text both dialects share. */

export const bulkColumnList = (t: BulkTable): string => ["org_id", ...t.columns].join(", ");

export const rowColumnList = (t: RowTable): string => ["org_id", ...t.columns.map((c) => c.name)].join(", ");

/** `on conflict ... do update` of only the columns that differ, the same on both stores. */
export function upsertTail(t: BulkTable): string {
  const key = ["org_id", ...t.key].join(", ");
  const rest = t.columns.filter((c) => !t.key.includes(c));
  if (rest.length === 0) return `on conflict (${key}) do nothing`;
  const set = rest.map((c) => `${c} = excluded.${c}`).join(", ");
  const changed = rest.map((c) => `${t.name}.${c} is distinct from excluded.${c}`).join(" or ");
  return `on conflict (${key}) do update set ${set} where ${changed}`;
}

export const conflictTarget = (t: RowTable): string => ["org_id", ...t.key].join(", ");

/** The `set` list of a merge; `max` is the dialect's two-argument maximum function. */
export function mergeSet(
  t: RowTable & { merge: Readonly<Record<string, string>> },
  max: "max" | "greatest",
): string {
  return Object.entries(t.merge)
    .map(([c, mode]) => {
      if (mode === "sum") return `${c} = ${t.name}.${c} + excluded.${c}`;
      if (mode === "max") return `${c} = ${max}(${t.name}.${c}, excluded.${c})`;
      return `${c} = excluded.${c}`;
    })
    .join(", ");
}

/**
 * The rows sorted by their key columns (a copy; stable). Writing every table's rows in key order
 * makes concurrent transactions take their row locks in one global order, so two batches touching
 * the same keys wait for each other instead of deadlocking (PostgreSQL processes an `unnest` in
 * array order).
 */
export function sortedByKey(t: RowTable, rows: readonly Row[]): Row[] {
  const at = t.key.map((k) => t.columns.findIndex((c) => c.name === k));
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...rows].sort((a, b) => {
    for (const i of at) {
      const d = cmp(a[i], b[i]);
      if (d !== 0) return d;
    }
    return 0;
  });
}
