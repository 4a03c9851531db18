import type { Command } from "commander";
import { readRevenueRetention } from "../../usecases/revenue-retention.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, fmtMoney, fmtPct, table } from "../format.ts";

interface Options {
  months: string;
  asOf?: string;
  json?: boolean;
  org?: string;
  db?: string;
  config?: string;
}

const pct = (x: number | null) => (x === null ? "-" : fmtPct(x));

/**
 * `holdfast report retention`: a subcommand of `holdfast report` (registered after it), so
 * `holdfast report [--json]` keeps its own action and output.
 */
export function registerReportRetention(program: Command): void {
  const report = program.commands.find((c) => c.name() === "report");
  if (!report) throw new Error("register `report` before `report retention`");
  report
    .command("retention")
    .description("monthly gross and net revenue retention, expansion, contraction, churn (writes nothing)")
    .option("--months <n>", "calendar months up to the as-of day", "12")
    .option("--as-of <date>", "as of this day (default: the day the scores were computed as of, else today)")
    .option("--json", "print JSON")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (_opts: unknown, cmd: Command) => {
      // `report`'s own options (--json, --org, --db, --as-of, --config) are parsed by `report`
      // wherever they stand, so read them merged with this command's.
      const o = cmd.optsWithGlobals<Options>();
      return withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const r = await readRevenueRetention(ctx, org.id, { months: Number(o.months), asOf: o.asOf });
        if (o.json) return console.log(JSON.stringify(r, null, 1));
        console.log(`Revenue retention: org ${org.slug}, as of ${r.as_of} (MRR; ARR = MRR x 12)`);
        console.log(
          table(
            [
              "month",
              "start MRR",
              "new",
              "expansion",
              "contraction",
              "churned",
              "end MRR",
              "GRR",
              "NRR",
              "logo churn",
              "logos",
            ],
            r.months.map((m) => [
              m.complete ? m.month : `${m.month}*`,
              fmtMoney(m.starting_mrr),
              fmtMoney(m.new_mrr),
              fmtMoney(m.expansion_mrr),
              fmtMoney(m.contraction_mrr),
              fmtMoney(m.churned_mrr),
              fmtMoney(m.ending_mrr),
              pct(m.gross_revenue_retention),
              pct(m.net_revenue_retention),
              pct(m.logo_churn),
              `${fmtInt(m.churned_customers)}/${fmtInt(m.customers_start)}`,
            ]),
          ),
        );
        if (r.months.some((m) => !m.complete)) console.log(`* to the as-of day ${r.as_of}`);
      });
    });
}
