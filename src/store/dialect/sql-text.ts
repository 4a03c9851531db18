import type { BulkTable, RowTable } from "./dialect.ts";

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
