import { type CompiledQuery, sql } from "kysely";
import { driverBit, driversColumn, LEVEL_KINDS, levelColumn } from "./customer-levels.ts";
import { type CustomerFilter, filteredCustomers } from "./customers.ts";
import { CELL_DRIVER_BITS, driverArrColumn, driverCountColumn } from "./facet-cell-columns.ts";
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
export async function facetCells(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  opts: { fromCells?: boolean } = {},
): Promise<FacetCell[]> {
  const cols = ["status", "plan_tier", ...LEVEL_KINDS.map((k) => levelColumn(k)!)].map((c) =>
    sql.ref(`c.${c}`),
  );
  const select = [...cols.map((c, i) => sql<string | null>`${c}`.as(`v${i}`))];
  let query: { compile(): CompiledQuery };
  if (opts.fromCells && canUseCells(f)) {
    // One stored row per cell: its count (or, with a driver chosen, the count carrying it).
    const bit = f.driver === undefined ? -1 : driverBit(f.headline, f.driver);
    const n = sql.ref(bit < 0 ? "c.n" : `c.${driverCountColumn(f.headline, bit)}`);
    const arr = sql.ref(bit < 0 ? "c.arr" : `c.${driverArrColumn(f.headline, bit)}`);
    query = filteredCustomers(db, orgId, { ...f, driver: undefined }, { withScore: false, fromCells: true })
      .select([...select, sql<number>`${n}`.as("n"), sql<number>`${arr}`.as("arr")])
      .where(sql<boolean>`${n} > 0`);
  } else {
    query = filteredCustomers(db, orgId, f, { withScore: false })
      .select([...select, sql<number>`count(*)`.as("n"), sql<number>`coalesce(sum(c.arr), 0)`.as("arr")])
      .groupBy(cols);
  }
  // Rows as arrays (tens of thousands of cells: objects per row cost more than the scan).
  const rows = await db.driver.rawRows(query.compile());
  const k = LEVEL_KINDS.length;
  return rows.map((r) => {
    const levels: Record<string, string | null> = {};
    for (let i = 0; i < k; i++) levels[LEVEL_KINDS[i]!] = r[i + 2] as string | null;
    return {
      status: r[0] as string | null,
      plan_tier: r[1] as string | null,
      levels,
      count: Number(r[k + 2]),
      arr: Number(r[k + 3]),
    };
  });
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
  opts: { fromCells?: boolean } = {},
): Promise<ValueCount[]> {
  const col = driversColumn(f.headline);
  if (drivers.length === 0 || col === null) return [];
  const inCells = drivers.every((d) => driverBit(f.headline, d) < (CELL_DRIVER_BITS[f.headline] ?? 0));
  if (opts.fromCells && canUseCells(f) && f.driver === undefined && inCells) {
    const row = (await filteredCustomers(db, orgId, f, { withScore: false, fromCells: true })
      .select(
        drivers.map((d, i) => {
          const bit = driverBit(f.headline, d);
          const c = sql.ref(`c.${driverCountColumn(f.headline, bit)}`);
          return sql<number>`coalesce(sum(${c}), 0)`.as(`d${i}`);
        }),
      )
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    return drivers.map((d, i) => ({ value: d, count: Number(row[`d${i}`]) }));
  }
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

/**
 * Whether the cells answer this filter: every condition is on a facet column (status, plan tier,
 * levels, a driver of migration 019's). Free text and an ARR floor are per customer: they read
 * the customers (the group-by above).
 */
export function canUseCells(f: CustomerFilter): boolean {
  if (f.q !== undefined || f.minArr !== undefined || f.scored !== undefined) return false;
  if (f.driver === undefined) return true;
  const bit = driverBit(f.headline, f.driver);
  return bit >= 0 && bit < (CELL_DRIVER_BITS[f.headline] ?? 0);
}

/** The org's plan tiers: its catalog's and those on its customers (from the cells, not every customer). */
export async function cellPlanTiers(db: Db, orgId: number): Promise<string[]> {
  const r = await sql<{ t: string }>`select tier as t from plans where org_id = ${orgId}
    union select plan_tier as t from customer_facet_cells
    where org_id = ${orgId} and plan_tier is not null and n > 0`.execute(db.kysely);
  return r.rows.map((x) => x.t).sort();
}
