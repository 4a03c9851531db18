import { sql } from "kysely";
import type { Db } from "../open-store.ts";
import { q } from "./tables.ts";

/** Aggregates the org-scope plays read (price testing, plan structure, seasonal windows). */

/** Per plan tier: live customers, sign-ups since `from`, churns since `from` (days, YYYY-MM-DD). */
export async function planActivity(
  db: Db,
  orgId: number,
  from: string,
): Promise<{ plan: string; live: number; newCustomers: number; churned: number }[]> {
  const rows = await q(db)
    .selectFrom("customers")
    .select((eb) => [
      "plan_tier",
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.or([eb("status", "is", null), eb("status", "!=", "churned")]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("live"),
      eb.fn.sum<number>(eb.case().when("signup_date", ">=", from).then(1).else(0).end()).as("fresh"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("status", "=", "churned"), eb("churn_date", ">=", from)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("churned"),
    ])
    .where("org_id", "=", orgId)
    .groupBy("plan_tier")
    .execute();
  return rows.map((r) => ({
    plan: r.plan_tier ?? "(none)",
    live: Number(r.live ?? 0),
    newCustomers: Number(r.fresh ?? 0),
    churned: Number(r.churned ?? 0),
  }));
}

/** Sign-ups per calendar month (YYYY-MM) from `from` up to, not including, `to`. */
export async function monthlySignups(
  db: Db,
  orgId: number,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const month = sql<string>`substr(signup_date, 1, 7)`;
  const rows = await q(db)
    .selectFrom("customers")
    .select([month.as("month"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("signup_date", ">=", from)
    .where("signup_date", "<", to)
    .groupBy(month)
    .execute();
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}
