import type { Command } from "commander";
import { csvRow } from "../../core/csv/cell.ts";
import { HoldfastError } from "../../core/errors.ts";
import { allRenewals, type RenewalSort } from "../../usecases/list-renewals.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, fmtMoney, table } from "../format.ts";

const SORTS: readonly RenewalSort[] = ["renewal_date", "-arr", "-risk_score"];

export function registerRenewals(program: Command): void {
  program
    .command("renewals")
    .description(
      "subscriptions of live customers renewing (or ending) within 30, 60 or 90 days (writes nothing)",
    )
    .option("--within <days>", "30, 60 or 90", "30")
    .option("--sort <key>", "renewal_date, -arr or -risk_score", "renewal_date")
    .option("--as-of <date>", "as of this day (default: the day the scores were computed as of, else today)")
    .option("--include-monthly", "also list monthly billing anniversaries")
    .option("--csv", "print CSV (every column)")
    .option("--json", "print JSON")
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(
      async (o: {
        within: string;
        sort: string;
        asOf?: string;
        includeMonthly?: boolean;
        csv?: boolean;
        json?: boolean;
        org?: string;
        db?: string;
      }) =>
        withContext(o, async (ctx) => {
          const within = Number(o.within);
          if (!SORTS.includes(o.sort as RenewalSort))
            throw new HoldfastError("invalid_input", `--sort: ${o.sort} is not one of ${SORTS.join(", ")}`);
          const org = await resolveOrg(ctx, o.org);
          const r = await allRenewals(ctx, org.id, {
            within,
            sort: o.sort as RenewalSort,
            asOf: o.asOf,
            includeMonthly: o.includeMonthly === true,
          });
          if (o.json) return console.log(JSON.stringify(r, null, 1));
          const cols = [
            "renewal_date",
            "days_until",
            "subscription_id",
            "customer_id",
            "account_name",
            "plan_tier",
            "kind",
            "arr",
            "auto_renew",
            "owner",
            "risk_score",
            "risk_level",
          ] as const;
          if (o.csv) {
            process.stdout.write(csvRow(cols) + r.items.map((x) => csvRow(cols.map((c) => x[c]))).join(""));
            return;
          }
          console.log(`Renewals: org ${org.slug}, as of ${r.as_of}, risk = ${r.headline}`);
          console.log(
            table(
              ["within", "subscriptions", "ARR"],
              r.buckets.map((b) => [`${b.within} days`, fmtInt(b.subscriptions), fmtMoney(b.arr)]),
            ),
          );
          console.log("");
          console.log(
            table(
              ["renewal", "days", "customer", "account", "plan", "kind", "ARR", "auto", "owner", "risk"],
              r.items.map((x) => [
                x.renewal_date,
                x.days_until,
                x.customer_id,
                x.account_name ?? "",
                x.plan_tier,
                x.kind,
                fmtMoney(x.arr),
                x.auto_renew ? "yes" : "no",
                x.owner ?? "",
                x.risk_score === null ? "" : `${x.risk_score} ${x.risk_level ?? ""}`.trim(),
              ]),
            ),
          );
        }),
    );
}
