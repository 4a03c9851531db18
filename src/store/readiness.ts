import { Migrator } from "kysely/migration";
import { migrationProvider } from "./migrations/index.ts";
import type { Db } from "./open-store.ts";

/**
 * Whether the store answers and its schema is current: one query, then the migrations this
 * build knows that the store has not run. Throws when the store does not answer.
 */
export async function storeReadiness(db: Db): Promise<{ pending: string[] }> {
  await db.kysely.selectFrom("orgs").select("id").limit(1).execute();
  const migrator = new Migrator({
    db: db.kysely,
    provider: migrationProvider({ serial: db.driver.serialType }),
    allowUnorderedMigrations: true,
  });
  const all = await migrator.getMigrations();
  return { pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name) };
}
