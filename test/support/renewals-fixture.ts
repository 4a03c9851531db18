import type { Insertable } from "kysely";
import type { Db } from "../../src/store/open-store.ts";
import type { CustomerTable, SubscriptionTable } from "../../src/store/schema.ts";

type Sub = Partial<Insertable<SubscriptionTable>> & { id: string; customer_id: string; start_date: string };
type Cust = Partial<Insertable<CustomerTable>> & { id: string };

/** Writes customers and subscriptions as given (defaults for the rest) into one org. */
export async function writeBook(
  db: Db,
  orgId: number,
  customers: readonly Cust[],
  subscriptions: readonly Sub[],
): Promise<void> {
  await db.kysely
    .insertInto("customers")
    .values(
      customers.map((c, i) => ({
        org_id: orgId,
        ordinal: i,
        account_id: `A-${c.id}`,
        account_name: `Account ${c.id}`,
        is_trial: 0,
        arr: 0,
        mrr: 0,
        ...c,
      })),
    )
    .execute();
  await db.kysely
    .insertInto("subscriptions")
    .values(
      subscriptions.map((s) => ({
        org_id: orgId,
        account_id: `A-${s.customer_id}`,
        plan_tier: "Pro",
        end_date: null,
        seats: 1,
        mrr: 0,
        arr: (s.mrr ?? 0) * 12,
        is_trial: 0,
        upgrade_flag: 0,
        downgrade_flag: 0,
        churn_flag: 0,
        billing_frequency: "monthly",
        auto_renew: 1,
        status: "active",
        ...s,
      })),
    )
    .execute();
}

/** A current score row of `kind` for a customer, as of `asOf`. */
export async function writeScore(
  db: Db,
  orgId: number,
  customerId: string,
  kind: string,
  asOf: string,
  score: number,
  level: string,
): Promise<void> {
  await db.kysely
    .insertInto("scores")
    .values({
      org_id: orgId,
      kind,
      customer_id: customerId,
      as_of: asOf,
      score,
      level,
      reasons: "[]",
      top_reasons: "[]",
      actions: "[]",
      signals: "{}",
      config_version: 0,
      computed_at: `${asOf}T06:00:00.000Z`,
      reason_kinds: ",",
      arr: 0,
    })
    .execute();
}

/**
 * The renewals fixture, as of 2025-03-10 (its last usage day).
 * Due within 30 days: S10 (trial ends Mar 12), S9 (quarterly, Mar 20), S1 (monthly from a Jan 31
 * start, Mar 31), S2 (annual, Apr 5). Within 60 adds S3 (May 1); within 90 adds S4 (contract end
 * Jun 1). Never listed: S5 (Sep 1), S6 (canceled), S7 (ended), S8 (its customer churned).
 */
export const RENEWALS_AS_OF = "2025-03-10";

export async function writeRenewalsFixture(db: Db, orgId: number): Promise<void> {
  await writeBook(
    db,
    orgId,
    [
      { id: "c1", owner: "ana" },
      { id: "c2", owner: "ben" },
      { id: "c3" },
      { id: "c4" },
      { id: "c5" },
      { id: "c6" },
      { id: "c7" },
      { id: "c8", status: "churned", churn_date: "2025-03-01" },
      { id: "c9", status: "trialing" },
    ],
    [
      { id: "S1", customer_id: "c1", start_date: "2024-01-31", arr: 1200, billing_frequency: "monthly" },
      {
        id: "S2",
        customer_id: "c2",
        start_date: "2022-04-05",
        arr: 12000,
        billing_frequency: "annual",
        auto_renew: 0,
      },
      { id: "S3", customer_id: "c3", start_date: "2023-05-01", arr: 6000, billing_frequency: "annual" },
      { id: "S4", customer_id: "c4", start_date: "2024-06-01", end_date: "2025-06-01", arr: 3000 },
      { id: "S5", customer_id: "c5", start_date: "2024-09-01", arr: 5000, billing_frequency: "annual" },
      { id: "S6", customer_id: "c6", start_date: "2024-01-15", arr: 900, status: "canceled" },
      { id: "S7", customer_id: "c7", start_date: "2024-01-15", end_date: "2025-02-01", arr: 800 },
      { id: "S8", customer_id: "c8", start_date: "2024-01-15", arr: 700 },
      { id: "S9", customer_id: "c1", start_date: "2024-12-20", arr: 2400, billing_frequency: "quarterly" },
      {
        id: "S10",
        customer_id: "c9",
        start_date: "2025-02-26",
        arr: 0,
        status: "trialing",
        trial_end: "2025-03-12",
      },
    ],
  );
  // The data's last usage day: the data is historical, so the reports take it as their as-of.
  await db.kysely
    .insertInto("usage_daily")
    .values({
      org_id: orgId,
      day: RENEWALS_AS_OF,
      customer_id: "c1",
      feature: "api",
      uses: 1,
      duration_secs: 0,
      errors: 0,
    })
    .execute();
  await writeScore(db, orgId, "c1", "churn_risk", RENEWALS_AS_OF, 80, "high");
  await writeScore(db, orgId, "c2", "churn_risk", RENEWALS_AS_OF, 30, "low");
  await writeScore(db, orgId, "c3", "churn_risk", RENEWALS_AS_OF, 55, "medium");
  await writeScore(db, orgId, "c1", "early_warning", RENEWALS_AS_OF, 2, "Low");
  await writeScore(db, orgId, "c2", "early_warning", RENEWALS_AS_OF, 9, "High");
}
