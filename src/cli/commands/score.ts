import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { isIsoDay } from "../../core/util/dates.ts";
import { refreshOrg } from "../../usecases/refresh-org.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt } from "../format.ts";

export function registerScore(program: Command): void {
  program
    .command("score")
    .description(
      "refresh the org: analyze new ticket text, recompute and store every score kind of every customer",
    )
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--as-of <date>", "score as of this day (default: today)")
    .option("--all", "kept for older scripts: every score kind is always recomputed")
    .action(async (o: { org?: string; db?: string; config?: string; asOf?: string; all?: boolean }) => {
      if (o.asOf !== undefined && !isIsoDay(o.asOf)) {
        throw new HoldfastError(
          "invalid_input",
          `--as-of must be a date YYYY-MM-DD (got ${JSON.stringify(o.asOf)})`,
        );
      }
      await withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const s = await refreshOrg(ctx, org.id, "manual", { asOf: o.asOf, actor: "cli" });
        console.log(
          `Scored ${fmtInt(s.customers)} customers of ${org.slug} as of ${s.asOf} in ${(s.ms / 1000).toFixed(2)} s` +
            (s.ticketsAnalyzed > 0 ? ` (${fmtInt(s.ticketsAnalyzed)} tickets analyzed)` : ""),
        );
      });
    });
}
