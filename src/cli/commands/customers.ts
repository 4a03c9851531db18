import type { Command } from "commander";
import { CustomerFacetsQuery, CustomerListQuery } from "../../contracts/customers.ts";
import { filterLabel } from "../../core/customers/list-filters.ts";
import { HoldfastError } from "../../core/errors.ts";
import { customerFacets } from "../../usecases/customer-facets.ts";
import { listCustomers } from "../../usecases/list-customers.ts";
import { resolveOrg, withContext } from "../context.ts";
import { fmtInt, fmtMoney, table } from "../format.ts";

interface FilterOptions {
  org?: string;
  db?: string;
  config?: string;
  json?: boolean;
  book?: string;
  status?: string;
  planTier?: string;
  riskLevel?: string;
  driver?: string;
  minArr?: string;
  q?: string;
  churnRiskTier?: string;
  healthBand?: string;
  lifecycleStage?: string;
  sort?: string;
  limit?: string;
  cursor?: string;
}

/** The options as the API's query (same names, same checks). */
function queryOf(o: FilterOptions): Record<string, string> {
  const q: Record<string, string | undefined> = {
    book: o.book,
    status: o.status,
    plan_tier: o.planTier,
    risk_level: o.riskLevel,
    driver: o.driver,
    min_arr: o.minArr,
    q: o.q,
    churn_risk_tier: o.churnRiskTier,
    health_band: o.healthBand,
    lifecycle_stage: o.lifecycleStage,
    sort: o.sort,
    limit: o.limit,
    cursor: o.cursor,
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  v: unknown,
): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = `--${String(issue.path[0] ?? "").replace(/_/g, "-")}`;
  throw new HoldfastError("invalid_input", `${field}: ${issue.message}`);
}

function filterOptions(c: Command): Command {
  return c
    .option("--org <slug>", "org (default: the only one)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--config <file>", "config defaults (JSON, merged over the built-in ones)")
    .option("--book <book>", "live (default: not churned), churned or all")
    .option("--status <status>", "active, trialing, paused, past_due or churned")
    .option("--plan-tier <tier>", "one of the workspace's plan tiers")
    .option("--risk-level <level>", "a level of the headline score (churn risk: low, medium, high, critical)")
    .option("--driver <kind>", "customers whose headline score this reason kind drives (a Drivers key)")
    .option("--min-arr <n>", "ARR at least n (>= 0)")
    .option("--q <text>", "text in customer id, account id or name")
    .option("--churn-risk-tier <tier>", "churn risk tier")
    .option("--health-band <band>", "health band")
    .option("--lifecycle-stage <stage>", "lifecycle stage")
    .option("--json", "print JSON (as the API answers)");
}

export function registerCustomers(program: Command): void {
  // The "customers" group may already exist (history.ts adds its timeline there): join it.
  const customers =
    program.commands.find((c) => c.name() === "customers") ??
    program.command("customers").description("the customer list and each customer's story");
  filterOptions(
    customers
      .command("list")
      .description("one page of the customer list, ranked by the headline risk, with the filtered totals"),
  )
    .option("--sort <key>", "risk_score, arr, customer_id, account_name, plan_tier; '-' for descending")
    .option("--limit <n>", "rows per page (1-500, default 50)")
    .option("--cursor <c>", "next_cursor of the previous page")
    .action(async (o: FilterOptions) =>
      withContext(o, async (ctx) => {
        const org = await resolveOrg(ctx, o.org);
        const page = await listCustomers(ctx, org.id, parse(CustomerListQuery, queryOf(o)));
        if (o.json) {
          console.log(
            JSON.stringify({ items: page.items, next_cursor: page.nextCursor, total: page.total }, null, 1),
          );
          return;
        }
        console.log(
          table(
            ["customer", "account", "plan tier", "ARR", "status", "risk", "level", "top reason"],
            page.items.map((i) => [
              i.customer_id,
              i.account_name ?? i.account_id,
              i.plan_tier ?? "",
              fmtMoney(i.arr),
              i.status ? filterLabel(i.status) : "",
              i.risk_score ?? "",
              i.risk_level ?? "",
              i.top_reasons[0] ?? "",
            ]),
          ),
        );
        console.log(
          `\n${fmtInt(page.total.customers)} customers, ${fmtMoney(page.total.arr)} ARR match` +
            (page.nextCursor ? `; next page: --cursor ${page.nextCursor}` : ""),
        );
      }),
    );
  filterOptions(
    customers
      .command("facets")
      .description("every list filter's options with their counts (each counted with the other filters)"),
  ).action(async (o: FilterOptions) =>
    withContext(o, async (ctx) => {
      const org = await resolveOrg(ctx, o.org);
      const f = await customerFacets(ctx, org.id, parse(CustomerFacetsQuery, queryOf(o)));
      if (o.json) {
        console.log(JSON.stringify(f, null, 1));
        return;
      }
      for (const [field, opts] of Object.entries(f.facets)) {
        if (opts.length === 0) continue;
        console.log(
          table(
            [filterLabel(field), "customers"],
            opts.map((x) => [`${x.label} (${x.value})`, fmtInt(x.count)]),
          ),
        );
        console.log("");
      }
      console.log(
        `${fmtInt(f.total.customers)} customers, ${fmtMoney(f.total.arr)} ARR match (headline: ${f.headline})`,
      );
    }),
  );
}
