import type { Command } from "commander";
import type { HoldfastConfig } from "../../core/config.ts";
import { rescoreOrg } from "../../engine/early-warning.ts";
import { closeDb, type Db } from "../../store/open-store.ts";
import { loadConfig, openFromOptions, resolveOrg, systemClock } from "../context.ts";
import { fmtInt } from "../format.ts";

/** Computes and stores every customer's early-warning score (the CLI's actor and clock). */
export const scoreAndSave = (db: Db, orgId: number, config: HoldfastConfig, asOf: string | undefined) =>
  rescoreOrg(db, orgId, { config, asOf, actor: "cli", now: systemClock });

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("recompute and store every customer's early-warning score")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--as-of <date>", "score as of this day (default: the latest day in the data)")
    .action(async (o: { org?: string; db?: string; config?: string; asOf?: string }) => {
      const config = loadConfig(o.config);
      const db = await openFromOptions(o);
      try {
        const org = await resolveOrg(db, o.org);
        const s = await scoreAndSave(db, org.id, config, o.asOf);
        console.log(
          `Scored ${fmtInt(s.customers)} customers of ${org.slug} as of ${s.asOf} in ${s.seconds.toFixed(2)} s`,
        );
      } finally {
        await closeDb(db);
      }
    });
}
