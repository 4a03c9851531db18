import type { Command } from "commander";
import type { HoldfastConfig } from "../../core/config.ts";
import { HoldfastError } from "../../core/errors.ts";
import { dayOf, isIsoDay } from "../../core/util/dates.ts";
import { rescoreOrg } from "../../usecases/early-warning.ts";
import { recomputeOrg } from "../../usecases/recompute.ts";
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
    .option(
      "--all",
      "also recompute the full score set (churn risk, health, lifecycle, ...) as of --as-of or today",
    )
    .action(async (o: { org?: string; db?: string; config?: string; asOf?: string; all?: boolean }) => {
      if (o.asOf !== undefined && !isIsoDay(o.asOf)) {
        throw new HoldfastError(
          "invalid_input",
          `--as-of must be a date YYYY-MM-DD (got ${JSON.stringify(o.asOf)})`,
        );
      }
      const config = loadConfig(o.config);
      const db = await openFromOptions(o);
      try {
        const org = await resolveOrg(db, o.org);
        const s = await scoreAndSave(db, org.id, config, o.asOf);
        console.log(
          `Scored ${fmtInt(s.customers)} customers of ${org.slug} as of ${s.asOf} in ${s.seconds.toFixed(2)} s`,
        );
        if (o.all) {
          const r = await recomputeOrg(db, org.id, o.asOf ?? dayOf(systemClock()), config, systemClock);
          console.log(
            `Full score set: ${fmtInt(r.customers)} customers as of ${r.asOf} in ${(r.ms / 1000).toFixed(2)} s (${fmtInt(r.transitions)} lifecycle transitions)`,
          );
        }
      } finally {
        await closeDb(db);
      }
    });
}
