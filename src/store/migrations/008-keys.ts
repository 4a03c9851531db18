import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/** API keys remember who created them and when they were last used (updated at most once a minute). */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable("api_keys").addColumn("created_by", "text").execute();
  await db.schema.alterTable("api_keys").addColumn("last_used_at", "text").execute();
}
