import { type Kysely, sql } from "kysely";
import { facetCellTriggers } from "../dialect/facet-cell-triggers.ts";
import { CELL_DRIVER_COLUMNS, CELL_FACETS, rebuildCellsSql } from "../facet-cell-columns.ts";
import type { MigrationContext } from "./context.ts";

/**
 * Customer facets at 500,000 customers (issue 18): a counts-per-cell table (store/facet-cell-columns.ts)
 * kept by triggers on `customers`, so the facets of a list filtered only on facet columns read
 * a few thousand cells instead of every customer. Backfilled from the customers.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  let t = db.schema
    .createTable("customer_facet_cells")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("cell_key", "text", (c) => c.notNull());
  for (const f of CELL_FACETS) t = t.addColumn(f, "text");
  t = t
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("arr", "double precision", (c) => c.notNull());
  for (const [dc, da] of CELL_DRIVER_COLUMNS) {
    t = t.addColumn(dc, "integer", (c) => c.notNull()).addColumn(da, "double precision", (c) => c.notNull());
  }
  await t.addPrimaryKeyConstraint("customer_facet_cells_pk", ["org_id", "cell_key"]).execute();
  // The facets read every facet column, the count and the driver counts of an org's cells: an index-only scan.
  await db.schema
    .createIndex("customer_facet_cells_cover")
    .on("customer_facet_cells")
    .columns(["org_id", ...CELL_FACETS, "n", "arr", ...CELL_DRIVER_COLUMNS.map((c) => c[0])])
    .execute();
  for (const q of rebuildCellsSql()) await q.execute(db);
  // The migration context tells the dialects apart by their serial column type.
  for (const s of facetCellTriggers(ctx.serial === "serial" ? "postgres" : "sqlite"))
    await sql.raw(s).execute(db);
}
