import type { CustomerUpsert, PlanUpsert } from "../core/customers/schema.ts";
import type { Db } from "./open-store.ts";
import { withTransaction } from "./transaction.ts";

/**
 * Creates or updates a customer from the API (fields left out keep their value) and its current
 * subscription, in one transaction. Returns whether the customer was new.
 */
export async function upsertCustomer(
  db: Db,
  orgId: number,
  id: string,
  body: CustomerUpsert,
): Promise<{ created: boolean }> {
  return withTransaction(db, async ({ kysely: tx }) => {
    const existing = await tx
      .selectFrom("customers")
      .select(["id"])
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .executeTakeFirst();
    const mrr = body.arr === undefined ? undefined : body.arr / 12;
    const fields = {
      ...(body.name !== undefined ? { name: body.name, account_name: body.name } : {}),
      ...(body.account_id !== undefined ? { account_id: body.account_id } : {}),
      ...(body.industry !== undefined ? { industry: body.industry } : {}),
      ...(body.country !== undefined ? { country: body.country } : {}),
      ...(body.segment !== undefined ? { segment: body.segment } : {}),
      ...(body.owner !== undefined ? { owner: body.owner } : {}),
      ...(body.signup_date !== undefined ? { signup_date: body.signup_date } : {}),
      ...(body.plan_tier !== undefined ? { plan_tier: body.plan_tier } : {}),
      ...(body.seats !== undefined ? { seats: body.seats } : {}),
      ...(body.is_trial !== undefined ? { is_trial: body.is_trial ? 1 : 0 } : {}),
      ...(body.arr !== undefined ? { arr: body.arr, mrr } : {}),
      ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
      ...(body.consents !== undefined ? { consents: JSON.stringify(body.consents) } : {}),
      ...(body.traits !== undefined ? { traits: JSON.stringify(body.traits) } : {}),
    };
    if (!existing) {
      const max = await tx
        .selectFrom("customers")
        .select((eb) => eb.fn.max("ordinal").as("m"))
        .where("org_id", "=", orgId)
        .executeTakeFirst();
      await tx
        .insertInto("customers")
        .values({
          org_id: orgId,
          id,
          ordinal: Number(max?.m ?? 0) + 1,
          account_id: id,
          is_trial: 0,
          arr: 0,
          mrr: 0,
          ...fields,
        })
        .execute();
    } else if (Object.keys(fields).length > 0) {
      await tx
        .updateTable("customers")
        .set(fields)
        .where("org_id", "=", orgId)
        .where("id", "=", id)
        .execute();
    }
    const s = body.subscription;
    if (s) {
      const account = await tx
        .selectFrom("customers")
        .select("account_id")
        .where("org_id", "=", orgId)
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const row = {
        customer_id: id,
        account_id: account.account_id,
        plan_tier: s.plan_tier,
        start_date: s.start_date,
        end_date: s.end_date ?? null,
        seats: s.seats,
        mrr: s.mrr,
        arr: s.mrr * 12,
        is_trial: s.status === "trialing" ? 1 : 0,
        churn_flag: s.status === "canceled" ? 1 : 0,
        billing_frequency: s.billing_frequency,
        auto_renew: s.auto_renew ? 1 : 0,
        status: s.status,
        trial_end: s.trial_end ?? null,
      };
      await tx
        .insertInto("subscriptions")
        .values({ org_id: orgId, id: s.id, upgrade_flag: 0, downgrade_flag: 0, paused_on: null, ...row })
        .onConflict((oc) => oc.columns(["org_id", "id"]).doUpdateSet(row))
        .execute();
      // Without an explicit ARR, the customer's ARR follows its live subscription.
      if (body.arr === undefined && s.status !== "canceled") {
        await tx
          .updateTable("customers")
          .set({
            arr: s.mrr * 12,
            mrr: s.mrr,
            ...(body.plan_tier === undefined ? { plan_tier: s.plan_tier } : {}),
          })
          .where("org_id", "=", orgId)
          .where("id", "=", id)
          .execute();
      }
    }
    return { created: !existing };
  });
}

/** Sets the billing contact; the only write of it anywhere (never inferred from other data). */
export async function setBillingContact(
  db: Db,
  orgId: number,
  id: string,
  contact: { email: string; name?: string | undefined },
): Promise<boolean> {
  const r = await db.kysely
    .updateTable("customers")
    .set({ billing_email: contact.email, billing_name: contact.name ?? null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function upsertPlan(db: Db, orgId: number, tier: string, plan: PlanUpsert): Promise<void> {
  const row = {
    rank: plan.rank,
    is_public: plan.is_public ? 1 : 0,
    price_monthly: plan.price_monthly ?? null,
    limits: JSON.stringify(plan.limits),
  };
  await db.kysely
    .insertInto("plans")
    .values({ org_id: orgId, tier, ...row })
    .onConflict((oc) => oc.columns(["org_id", "tier"]).doUpdateSet(row))
    .execute();
}

export async function listPlans(db: Db, orgId: number) {
  const rows = await db.kysely
    .selectFrom("plans")
    .select(["tier", "rank", "is_public", "price_monthly", "limits"])
    .where("org_id", "=", orgId)
    .orderBy("rank")
    .execute();
  return rows.map((r) => ({
    tier: r.tier,
    rank: r.rank,
    is_public: r.is_public === 1,
    price_monthly: r.price_monthly,
    limits: r.limits ? (JSON.parse(r.limits) as Record<string, number>) : {},
  }));
}

/** Which of these customer ids the org already has. */
export async function existingCustomerIds(
  db: Db,
  orgId: number,
  ids: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("customers")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}
