import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { simulatePlays } from "../../usecases/simulate-plays.ts";
import { resolveOrg, withContext } from "../context.ts";
import { table } from "../format.ts";

/** `holdfast plays simulate --days N [--end DAY]`: the org's last N days of plays, ticked daily. */
export function registerPlaysSimulate(plays: Command): void {
  plays
    .command("simulate")
    .description(
      "tick the org's plays daily over its last N days (a daily refresh as of each day, then a tick at the daily time); writes everything",
    )
    .option("--days <n>", "days to simulate", "30")
    .option("--end <day>", "the last day (default: the org's data day)")
    .option("--json", "print JSON")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: { days: string; end?: string; json?: boolean; org?: string; db?: string }) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const days = Number(o.days);
        if (!/^\d+$/.test(o.days))
          throw new HoldfastError("invalid_input", `--days: ${o.days} is not a whole number`);
        const r = await simulatePlays(ctx, org.id, {
          days,
          end: o.end,
          actor: "cli",
          onProgress: (p) => {
            if (!o.json) process.stderr.write(`\r${p.day}: ${p.done}/${p.days} days, ${p.ticks} ticks`);
          },
        });
        if (!o.json) process.stderr.write("\n");
        if (o.json) return console.log(JSON.stringify(r, null, 1));
        console.log(
          `Simulated plays ${r.from} to ${r.to} for org ${org.slug}: ${r.ticks} ticks, ${r.changes} score changes, ${r.customersEvaluated} customer evaluations, ${r.decisions} decisions, ${r.outbox} outbox rows in ${r.seconds.toFixed(1)} s`,
        );
        const rows = Object.entries(r.counts)
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([slug, c]) => [
            slug,
            c.eligible,
            c.started,
            c.fired,
            c.deferred,
            Object.entries(c.suppressed)
              .sort((a, b) => b[1] - a[1])
              .map(([k, n]) => `${k} ${n}`)
              .join(", "),
            c.inFlight,
          ]);
        console.log(
          table(
            ["tactic", "eligible", "started", "fired", "deferred", "suppressed (by rule)", "in flight"],
            rows,
          ),
        );
      }),
    );
}
