import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import type { RankingQuality } from "../../core/evaluation/ranking.ts";
import { evaluateScores } from "../../usecases/evaluate-scores.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, fmtPct, table } from "../format.ts";

function wholeNumber(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HoldfastError(
      "invalid_input",
      `${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`,
    );
  }
  return n;
}

const rows = (m: Record<string, RankingQuality>) =>
  Object.entries(m).map(([name, q]) => [
    name,
    q.auc === null ? "-" : q.auc.toFixed(3),
    q.precisionAtTop === null ? "-" : fmtPct(q.precisionAtTop),
    q.baseRate === null ? "-" : fmtPct(q.baseRate),
    fmtInt(q.positives),
    fmtInt(q.n),
  ]);

export function registerEvaluate(program: Command): void {
  const ev = program.command("evaluate").description("measure prediction quality against what happened");
  ev.command("scores")
    .description(
      "replay the org's history with the clock at several cutoffs and score each risk score against actual churn (and upgrade readiness against actual upgrades) within the horizon",
    )
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--horizon <days>", "outcome window after each cutoff", "90")
    .option("--cutoffs <n>", "number of cutoffs", "3")
    .option("--step <days>", "days between cutoffs", "30")
    .option("--json", "print JSON")
    .action(
      async (o: {
        org?: string;
        db?: string;
        config?: string;
        horizon: string;
        cutoffs: string;
        step: string;
        json?: boolean;
      }) => {
        const horizonDays = wholeNumber("--horizon", o.horizon, 1, 730);
        const cutoffs = wholeNumber("--cutoffs", o.cutoffs, 1, 24);
        const stepDays = wholeNumber("--step", o.step, 1, 365);
        await withContext(o, async (ctx) => {
          const org = await resolveOrg(ctx, o.org);
          const t0 = performance.now();
          const r = await evaluateScores(ctx.db, org.id, ctx.defaults, { horizonDays, cutoffs, stepDays });
          if (o.json) {
            console.log(JSON.stringify(r, null, 1));
            return;
          }
          console.log(
            `Replayed ${org.slug} at ${r.cutoffs.join(", ")}; outcomes within ${horizonDays} days (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
          );
          const head = ["score", "AUC", "precision top 10%", "base rate", "positives", "customer-cutoffs"];
          console.log("Churn\n");
          console.log(table(head, rows(r.churn)));
          console.log("\nUpgrade\n");
          console.log(table(head, rows(r.upgrade)));
        });
      },
    );
}
