import { sql } from "kysely";
import { HEADLINE_DRIVERS } from "../core/customers/list-filters.ts";
import type { Scored } from "../core/scores/result.ts";
import type { Db } from "./open-store.ts";

/**
 * The customer list's facet columns on `customers` (migration 011): each customer's current level
 * of every kind the list filters on, and the reason kinds of the two headline kinds. The scores
 * have one writer (the saver, in the refresh's transaction), which writes these columns with them;
 * status, plan tier and ARR already live on the row, so counts and filters read one table and
 * never join the scores.
 */

/** The kinds whose current level the list filters on (the headline kinds first). */
export const LEVEL_KINDS = [
  "churn_risk",
  "early_warning",
  "health",
  "lifecycle_stage",
  "upgrade_readiness",
  "usage_limits",
  "usage_trend",
] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

/** The kinds whose reason kinds are kept (the headline kinds: their drivers). */
export const DRIVER_KINDS = ["churn_risk", "early_warning"] as const;

/** The column holding a kind's current level ("lvl_health"); null when the kind is not listed. */
export function levelColumn(kind: string): string | null {
  return (LEVEL_KINDS as readonly string[]).includes(kind) ? `lvl_${kind}` : null;
}

/** The column holding a headline kind's drivers as a bitmask (bit i: `driverBit`). */
export function driversColumn(kind: string): string | null {
  return (DRIVER_KINDS as readonly string[]).includes(kind) ? `drv_${kind}` : null;
}

/**
 * A driver's bit in a headline kind's `drv_` column: its position in HEADLINE_DRIVERS, so that
 * list is append-only (migration 011 backfilled with the positions of its day); -1 for none.
 */
export function driverBit(kind: string, driver: string): number {
  return (HEADLINE_DRIVERS as Record<string, readonly string[] | undefined>)[kind]?.indexOf(driver) ?? -1;
}

/** The drivers of a score as a bitmask (reason kinds that are not drivers are left out). */
function driverMask(r: Scored): number {
  let mask = 0;
  for (const x of r.reasons) {
    const bit = driverBit(r.kind, x.kind);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

/** Rows per update statement (10 parameters each, far under both stores' limits). */
const CHUNK = 500;

/** Writes the saved customers' facet columns: one `update ... from (values ...)` per chunk. */
export async function writeCustomerLevels(
  db: Db,
  orgId: number,
  customers: readonly { customerId: string; results: Readonly<Record<string, Scored>> }[],
): Promise<void> {
  const sets = sql.join(
    [...LEVEL_KINDS, ...DRIVER_KINDS.map((k) => `drv:${k}`)].map((k, i) => {
      const col = k.startsWith("drv:") ? driversColumn(k.slice(4))! : levelColumn(k)!;
      return sql`${sql.ref(col)} = v.${sql.ref(`column${i + 2}`)}`;
    }),
  );
  for (let i = 0; i < customers.length; i += CHUNK) {
    const values = customers.slice(i, i + CHUNK).map((c) => {
      const cells = [
        sql`cast(${c.customerId} as text)`,
        ...LEVEL_KINDS.map((k) => sql`cast(${c.results[k]?.level ?? null} as text)`),
        ...DRIVER_KINDS.map((k) => {
          const r = c.results[k];
          return sql`cast(${r ? driverMask(r) : null} as integer)`;
        }),
      ];
      return sql`(${sql.join(cells)})`;
    });
    await sql`update customers set ${sets}
      from (values ${sql.join(values)}) as v
      where customers.org_id = ${orgId} and customers.id = v.column1`.execute(db.kysely);
  }
}

/**
 * Fills the facet columns from the current scores (the migration's backfill, and any store whose
 * scores were written without the saver); `orgId` limits it to one org.
 */
export async function backfillCustomerLevels(db: Db, orgId?: number): Promise<void> {
  const of = (kind: string, col: string) =>
    sql`(select s.${sql.ref(col)} from scores s where s.org_id = customers.org_id and s.kind = ${kind} and s.customer_id = customers.id)`;
  const mask = (k: (typeof DRIVER_KINDS)[number]) =>
    sql`(select ${sql.join(
      HEADLINE_DRIVERS[k].map(
        (d, i) => sql`case when s.reason_kinds like ${`%,${d},%`} then ${1 << i} else 0 end`,
      ),
      sql` + `,
    )} from scores s where s.org_id = customers.org_id and s.kind = ${k} and s.customer_id = customers.id)`;
  const sets = sql.join([
    ...LEVEL_KINDS.map((k) => sql`${sql.ref(levelColumn(k)!)} = ${of(k, "level")}`),
    ...DRIVER_KINDS.map((k) => sql`${sql.ref(driversColumn(k)!)} = ${mask(k)}`),
  ]);
  const where = orgId === undefined ? sql`` : sql`where org_id = ${orgId}`;
  await sql`update customers set ${sets} ${where}`.execute(db.kysely);
}
