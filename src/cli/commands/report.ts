import type { Command } from "commander";
import type { EarlyWarningReport } from "../../core/report/summarize.ts";
import { computeEarlyWarning, reportEarlyWarning } from "../../usecases/early-warning.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, fmtMoney, fmtPct, table } from "../format.ts";

function printReport(r: EarlyWarningReport, org: string): void {
  const out: string[] = [];
  out.push(
    `Holdfast early-warning report: org ${org}, usage to ${r.as_of.usage_end}, tickets to ${r.as_of.tickets_end}`,
    "",
  );
  out.push(
    table(
      ["customers", "churn rate (label)", "high risk", "ARR at risk", "avg ARR", "total ARR"],
      [
        [
          fmtInt(r.customers),
          fmtPct(r.churn_rate_label),
          fmtPct(r.high_risk_share, 2),
          fmtMoney(r.arr_at_risk),
          fmtMoney(r.avg_arr),
          fmtMoney(r.total_arr),
        ],
      ],
    ),
    "",
  );
  out.push(
    table(
      ["risk level", "customers"],
      Object.entries(r.level_counts).map(([k, v]) => [k, fmtInt(v)]),
    ),
    "",
  );
  out.push(
    table(
      ["plan tier", "avg risk score"],
      Object.entries(r.risk_by_plan_tier).map(([k, v]) => [k, v.toFixed(2)]),
    ),
    "",
  );
  out.push(
    table(
      ["driver", "customers flagged"],
      Object.entries(r.drivers).map(([k, v]) => [k, fmtInt(v)]),
    ),
    "",
  );
  out.push(
    table(
      ["churn reason", "events"],
      Object.entries(r.churn_reasons).map(([k, v]) => [k, fmtInt(v)]),
    ),
    "",
  );
  out.push(
    table(
      ["top 10 customer", "risk score", "level"],
      r.top10.map(([id, s, l]) => [id, s, l]),
    ),
  );
  console.log(out.join("\n"));
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("print the Executive and Drivers figures (computed from the store; writes nothing)")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "scoring config (JSON, merged over the defaults)")
    .option("--as-of <date>", "as of this day (default: the latest day in the data)")
    .option("--json", "print JSON (keys as the reference anchor, plus drivers and arr_at_risk)")
    .action(async (o: { org?: string; db?: string; config?: string; asOf?: string; json?: boolean }) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const run = await computeEarlyWarning(ctx.db, org.id, ctx.defaults, o.asOf);
        const report = await reportEarlyWarning(ctx.db, org.id, run);
        if (o.json) console.log(JSON.stringify(report, null, 1));
        else printReport(report, org.slug);
      }),
    );
}
