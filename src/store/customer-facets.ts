import { sql } from "kysely";
import { type CustomerFilter, filteredCustomers, hasReasonKind } from "./customers.ts";
import type { Db } from "./open-store.ts";

/**
 * Facet counts for the customer list: each is one group-by over the customers that pass a
 * filter (the caller leaves the facet's own field out of it). Customer columns group on the
 * customers table (the (org_id, status) index serves the status facet); score levels join one
 * score kind by its key (org_id, kind, customer_id).
 */

export interface ValueCount {
  value: string | null;
  count: number;
}

const counted = (rows: { value: string | null; count: unknown }[]): ValueCount[] =>
  rows.map((r) => ({ value: r.value, count: Number(r.count) }));

/** Customers per value of a customers column (status or plan tier); null for no value. */
export async function columnCounts(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  column: "status" | "plan_tier",
): Promise<ValueCount[]> {
  const col = sql.ref(`c.${column}`);
  const rows = await filteredCustomers(db, orgId, f, { withScore: false })
    .select([sql<string | null>`${col}`.as("value"), sql<number>`count(*)`.as("count")])
    .groupBy(col)
    .execute();
  return counted(rows);
}

/** Customers per level of one score kind (the headline's when `kind` is the filter's headline). */
export async function levelCounts(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  kind: string,
): Promise<ValueCount[]> {
  const rows = await filteredCustomers(db, orgId, f, { withScore: false })
    .innerJoin("scores as k", (j) =>
      j.onRef("k.org_id", "=", "c.org_id").onRef("k.customer_id", "=", "c.id").on("k.kind", "=", kind),
    )
    .select([sql<string>`k.level`.as("value"), sql<number>`count(*)`.as("count")])
    .groupBy("k.level")
    .execute();
  return counted(rows);
}

/** Customers whose headline score's reasons contain each driver (one pass, one sum per driver). */
export async function driverCounts(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  drivers: readonly string[],
): Promise<ValueCount[]> {
  if (drivers.length === 0) return [];
  const row = await filteredCustomers(db, orgId, f)
    .select(
      drivers.map((d, i) =>
        sql<number>`coalesce(sum(case when ${hasReasonKind("s.reason_kinds", d)} then 1 else 0 end), 0)`.as(
          `d${i}`,
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const sums = row as Record<string, unknown>;
  return drivers.map((d, i) => ({ value: d, count: Number(sums[`d${i}`]) }));
}
