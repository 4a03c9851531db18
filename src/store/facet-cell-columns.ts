import { sql } from "kysely";

/**
 * The customer facet cells (migration 019): one row per org and combination of the list's facet
 * columns (status, plan tier, each listed kind's level) with how many customers have it, their
 * ARR, and per headline driver how many of them (and how much ARR) carry it. Kept by triggers on
 * `customers` in the writing transaction (store/dialect/facet-cell-triggers.ts), so every writer
 * (saver, status refresh, import, delete) keeps it exact. The lists here are as of migration 019:
 * a later level kind or driver needs its own migration.
 */
export const CELL_FACETS = [
  "status",
  "plan_tier",
  "lvl_churn_risk",
  "lvl_early_warning",
  "lvl_health",
  "lvl_lifecycle_stage",
  "lvl_upgrade_readiness",
  "lvl_usage_limits",
  "lvl_usage_trend",
] as const;

/** Drivers per headline kind as of migration 019 (bit i of `drv_<kind>`). */
export const CELL_DRIVER_BITS: Record<string, number> = { churn_risk: 13, early_warning: 7 };

/** The per-driver count and ARR columns of a headline kind's bit. */
export const driverCountColumn = (kind: string, bit: number) => `dc_${kind}_${bit}`;
export const driverArrColumn = (kind: string, bit: number) => `da_${kind}_${bit}`;

/** Every driver column pair: [count column, arr column, drv column, bit]. */
export const CELL_DRIVER_COLUMNS: [string, string, string, number][] = Object.entries(
  CELL_DRIVER_BITS,
).flatMap(([kind, n]) =>
  Array.from(
    { length: n },
    (_, i) =>
      [driverCountColumn(kind, i), driverArrColumn(kind, i), `drv_${kind}`, i] as [
        string,
        string,
        string,
        number,
      ],
  ),
);

/** The cell key of row `x` ("new", "old", "c", a transition table alias): unique per combination, nulls included. */
export function cellKeyExpr(x: string): string {
  return CELL_FACETS.map((c) => `coalesce(cast(${x}.${c} as text), '\u001e')`).join(` || '\u001f' || `);
}

/** The delta a row `x` makes to its cell, signed by `sign` (an SQL expression), as select expressions in column order. */
export function cellDeltaExprs(x: string, sign: string, agg: (e: string) => string): string[] {
  return [
    agg(sign),
    agg(`${sign} * coalesce(${x}.arr, 0)`),
    ...CELL_DRIVER_COLUMNS.flatMap(([, , drv, bit]) => {
      const has = `(case when (coalesce(${x}.${drv}, 0) & ${2 ** bit}) <> 0 then 1 else 0 end)`;
      return [agg(`${sign} * ${has}`), agg(`${sign} * ${has} * coalesce(${x}.arr, 0)`)];
    }),
  ];
}

/** The value columns in the order of `cellDeltaExprs`. */
export const CELL_VALUE_COLUMNS = ["n", "arr", ...CELL_DRIVER_COLUMNS.flatMap((c) => [c[0], c[1]])];

/** The insert column list: org, key, facets, values. */
export const CELL_INSERT_COLUMNS = ["org_id", "cell_key", ...CELL_FACETS, ...CELL_VALUE_COLUMNS];

/** `on conflict` clause adding the excluded delta to the stored cell. */
export const CELL_UPSERT = `on conflict (org_id, cell_key) do update set ${CELL_VALUE_COLUMNS.map(
  (c) => `${c} = customer_facet_cells.${c} + excluded.${c}`,
).join(", ")}`;

/** Rebuilds the org's (or every org's) cells from the customers: the backfill. */
export function rebuildCellsSql(orgId?: number) {
  const where = orgId === undefined ? sql`` : sql`where c.org_id = ${orgId}`;
  const del = orgId === undefined ? sql`` : sql`where org_id = ${orgId}`;
  const insert = sql.raw(
    `insert into customer_facet_cells (${CELL_INSERT_COLUMNS.join(", ")}) select c.org_id, ${cellKeyExpr("c")}, ${CELL_FACETS.map((f) => `c.${f}`).join(", ")}, ${cellDeltaExprs("c", "1", (e) => `sum(${e})`).join(", ")} from customers c`,
  );
  const group = sql.raw(`group by c.org_id, ${CELL_FACETS.map((f) => `c.${f}`).join(", ")}`);
  return [sql`delete from customer_facet_cells ${del}`, sql`${insert} ${where} ${group}`];
}
