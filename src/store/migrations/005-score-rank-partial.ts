import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * The rank indexes on `scores` serve only the early-warning list and reports (the only kind
 * sorted or filtered by score and level), so they index only that kind. Every other kind (eleven
 * per customer from the score set) was paying two random B-tree writes per row on each full
 * recompute. A query with `kind = ?` bound to 'early_warning' still uses them (SQLite re-plans
 * for the bound value; PostgreSQL plans with the parameters).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const s = db.schema;
  const earlyWarning = sql<boolean>`kind = 'early_warning'`;
  await s.dropIndex("scores_rank").execute();
  await s.dropIndex("scores_level_rank").execute();
  await s
    .createIndex("scores_rank")
    .on("scores")
    .columns(["org_id", "kind", "score", "arr", "customer_id"])
    .where(earlyWarning)
    .execute();
  await s
    .createIndex("scores_level_rank")
    .on("scores")
    .columns(["org_id", "kind", "level", "score", "arr", "customer_id"])
    .where(earlyWarning)
    .execute();
}
