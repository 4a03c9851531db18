import { sql } from "kysely";
import { driverBit, driversColumn, LEVEL_KINDS, levelColumn } from "./customer-levels.ts";
import { type CustomerFilter, filteredCustomers } from "./customers.ts";
import type { Db } from "./open-store.ts";

/**
 * Facet counts for the customer list in one pass. Every facet is a column of the customers row
 * (status, plan tier, each listed kind's level: customer-levels.ts), so one group-by over all of
 * them, in the order of the covering index `customers_facets` (migration 011: an index-only scan
 * that groups as it walks, no sort), gives a count per combination ("cell"); the caller adds the
 * cells up per facet with the other filters applied. The drivers, a bitmask, are one more pass.
 */

/** One combination of facet values and how many customers (and how much ARR) have it. */
export interface FacetCell {
  status: string | null;
  plan_tier: string | null;
  /** Current level per listed kind (LEVEL_KINDS); null when not scored. */
  levels: Record<string, string | null>;
  count: number;
  arr: number;
}

/** The cells of the customers that pass `f` (give it only the filters that are not facet columns). */
export async function facetCells(db: Db, orgId: number, f: CustomerFilter): Promise<FacetCell[]> {
  const cols = ["status", "plan_tier", ...LEVEL_KINDS.map((k) => levelColumn(k)!)].map((c) =>
    sql.ref(`c.${c}`),
  );
  const rows = (await filteredCustomers(db, orgId, f, { withScore: false })
    .select([
      ...cols.map((c, i) => sql<string | null>`${c}`.as(`v${i}`)),
      sql<number>`count(*)`.as("n"),
      sql<number>`coalesce(sum(c.arr), 0)`.as("arr"),
    ])
    .groupBy(cols)
    .execute()) as Record<string, unknown>[];
  return rows.map((r) => ({
    status: r.v0 as string | null,
    plan_tier: r.v1 as string | null,
    levels: Object.fromEntries(LEVEL_KINDS.map((k, i) => [k, r[`v${i + 2}`] as string | null])),
    count: Number(r.n),
    arr: Number(r.arr),
  }));
}

export interface ValueCount {
  value: string | null;
  count: number;
}

/** Customers whose headline score's reasons contain each driver (one pass, one bit sum per driver). */
export async function driverCounts(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  drivers: readonly string[],
): Promise<ValueCount[]> {
  const col = driversColumn(f.headline);
  if (drivers.length === 0 || col === null) return [];
  const ref = sql.ref(`c.${col}`);
  const row = (await filteredCustomers(db, orgId, f, { withScore: false })
    .select(
      drivers.map((d, i) =>
        sql<number>`coalesce(sum((${ref} / ${2 ** driverBit(f.headline, d)}) % 2), 0)`.as(`d${i}`),
      ),
    )
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  return drivers.map((d, i) => ({ value: d, count: Number(row[`d${i}`]) }));
}
