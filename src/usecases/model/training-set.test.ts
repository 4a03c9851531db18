import { expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { parseConfig } from "../../core/config.ts";
import type { CanonicalEvent } from "../../core/events/schema.ts";
import { featureSpecs } from "../../core/model/features.ts";
import { addDays } from "../../core/util/dates.ts";
import { upsertCustomer, upsertPlan } from "../../store/customer-write.ts";
import type { UseCaseContext } from "../context.ts";
import { ingestEventBatch } from "../ingest-events.ts";
import { buildTrainingSet, collectSnapshots, orgLayout, snapshotPlan } from "./training-set.ts";

const config = parseConfig({});
const now = () => new Date("2026-01-02T06:00:00Z");
const START = "2025-01-01";
const END = "2025-12-31";
const CHURN_DAY = "2025-09-15";
const UPGRADE_DAY = "2025-08-10";

let seq = 0;
const ev = (
  customer: string,
  type: CanonicalEvent["type"],
  day: string,
  properties: Record<string, unknown> = {},
) => ({
  id: `e${seq++}`,
  customer_id: customer,
  type,
  timestamp: `${day}T12:00:00Z`,
  properties,
});

/**
 * Four customers over 2025: c1 churns on CHURN_DAY, c2 upgrades on UPGRADE_DAY, c3 and c4 stay
 * (c4 is where the leakage test plants later facts). Daily sessions and API calls until churn.
 */
async function plantHistory(ctx: UseCaseContext, orgId: number) {
  await upsertPlan(ctx.db, orgId, "Starter", {
    rank: 1,
    is_public: true,
    price_monthly: 100,
    limits: { api_calls: 5000 },
  });
  await upsertPlan(ctx.db, orgId, "Pro", {
    rank: 2,
    is_public: true,
    price_monthly: 400,
    limits: { api_calls: 50000 },
  });
  const traits = [
    { region: "eu", employees: 40, sso: true },
    { region: "us", employees: 900, sso: false },
    { region: "eu", employees: 12, sso: false },
    { region: "us", employees: 75, sso: true },
  ];
  for (let i = 1; i <= 4; i++) {
    const id = `c${i}`;
    const plan = i === 4 ? "Pro" : "Starter";
    await upsertCustomer(ctx.db, orgId, id, {
      signup_date: START,
      plan_tier: plan,
      seats: 5 * i,
      arr: plan === "Pro" ? 4800 : 1200,
      traits: traits[i - 1]!,
      subscription: {
        id: `s${i}`,
        plan_tier: plan,
        status: "active",
        start_date: START,
        billing_frequency: "monthly",
        auto_renew: true,
        mrr: plan === "Pro" ? 400 : 100,
        seats: 5 * i,
      },
    });
  }
  const events = [];
  for (let day = START; day <= END; day = addDays(day, 1)) {
    for (let i = 1; i <= 4; i++) {
      const id = `c${i}`;
      if (id === "c1" && day >= CHURN_DAY) continue;
      events.push(ev(id, "session_start", day));
      events.push(ev(id, "api_calls", day, { count: 10 * i }));
    }
  }
  events.push(ev("c1", "subscription_canceled", CHURN_DAY, { reason: "budget" }));
  events.push(ev("c2", "plan_changed", UPGRADE_DAY, { from: "Starter", to: "Pro" }));
  events.push(ev("c2", "subscription_updated", UPGRADE_DAY, { plan: "Pro", mrr: 400 }));
  for (let i = 0; i < events.length; i += 5000) {
    const r = await ingestEventBatch(ctx, orgId, events.slice(i, i + 5000), {
      detectDrops: false,
      queue: false,
    });
    expect(r.rejected).toEqual([]);
  }
}

describeStores("model training sets", (s) => {
  it("plans monthly snapshots whose training labels end before the validation window", () => {
    const plan = snapshotPlan({ first: START, last: END }, 90);
    expect(plan.validation).toBe(addDays(END, -90));
    expect(plan.train.at(-1)).toBe(addDays(END, -180));
    for (const t of plan.train) expect(addDays(t, 90) <= plan.validation).toBe(true);
    expect(plan.train[0]! >= addDays(START, 30)).toBe(true);
    expect(plan.train.length).toBe(6);
  });

  it("builds rows of one feature vector with churn and upgrade labels over (t, t + horizon]", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    await plantHistory(ctx, org.id);
    const layout = await orgLayout(ctx.db, org.id);
    expect(layout.plans).toEqual(["Starter", "Pro"]);
    // Traits by type: a string category, a number, a boolean.
    expect(layout.traits).toEqual([
      { key: "employees", type: "number" },
      { key: "region", type: "string", categories: ["eu", "us"] },
      { key: "sso", type: "boolean" },
    ]);
    const specs = featureSpecs(layout);
    const at = (name: string) => specs.findIndex((f) => f.name === name);
    const days = ["2025-06-04", "2025-07-04", "2025-10-01"];
    const rows: { id: string; day: string; label: boolean; row: number[] }[] = [];
    const collect = async (kind: "churn" | "expansion") => {
      rows.length = 0;
      await collectSnapshots(ctx.db, org.id, {
        kind,
        horizonDays: 90,
        days,
        layout,
        config,
        onRow: (r) => rows.push({ id: r.customerId, day: r.day, label: r.label, row: [...r.row] }),
      });
      return rows.map((r) => `${r.id}@${r.day}:${r.label ? 1 : 0}`);
    };
    // c1 churns on 09-15: inside (07-04, 10-02], not inside (06-04, 09-02]; gone by 10-01.
    expect(await collect("churn")).toEqual([
      "c1@2025-06-04:0",
      "c1@2025-07-04:1",
      "c2@2025-06-04:0",
      "c2@2025-07-04:0",
      "c2@2025-10-01:0",
      "c3@2025-06-04:0",
      "c3@2025-07-04:0",
      "c3@2025-10-01:0",
      "c4@2025-06-04:0",
      "c4@2025-07-04:0",
      "c4@2025-10-01:0",
    ]);
    // c2 upgrades on 08-10: inside both windows before it, not after.
    expect((await collect("expansion")).filter((r) => r.startsWith("c2"))).toEqual([
      "c2@2025-06-04:1",
      "c2@2025-07-04:1",
      "c2@2025-10-01:0",
    ]);
    const c2 = (day: string) => rows.find((r) => r.id === "c2" && r.day === day)!.row;
    // The plan and ARR as of each day: Starter before the upgrade, Pro after.
    expect(c2("2025-07-04")[at("plan")]).toBe(0);
    expect(c2("2025-10-01")[at("plan")]).toBe(1);
    expect(c2("2025-07-04")[at("arr")]).toBe(1200);
    expect(c2("2025-10-01")[at("arr")]).toBe(4800);
    expect(c2("2025-10-01")[at("upgrades_90")]).toBe(1);
    expect(c2("2025-07-04")[at("api_calls_7")]).toBe(7 * 20);
    expect(c2("2025-07-04")[at("trait:employees")]).toBe(900);
    expect(c2("2025-07-04")[at("trait:region")]).toBe(1);
    expect(c2("2025-07-04")[at("trait:sso")]).toBe(0);

    const set = await buildTrainingSet(ctx.db, org.id, { kind: "churn", horizonDays: 90, config });
    expect(set.train.features).toEqual(specs);
    expect(set.train.columns).toHaveLength(specs.length);
    expect(set.valid.n).toBe(3); // c1 churned before the validation day
    expect(set.validIds).toEqual(["c2", "c3", "c4"]);
    expect(set.train.n).toBe(set.trainDays.length);
    expect(set.train.n).toBe(4 * set.plan.train.length);
    expect(set.positives.train).toBe(1); // c1 at the last training snapshot (07-04)
    expect(set.baselines.churn_risk).toHaveLength(3);
  });

  it("never sees a ticket, a downgrade or a payment failure dated after the snapshot (leakage)", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    await plantHistory(ctx, org.id);
    const layout = await orgLayout(ctx.db, org.id);
    const specs = featureSpecs(layout);
    const t = "2025-06-01";
    const later = "2025-06-20";
    const snapshot = async (day: string) => {
      const out: { row: number[]; risk: number | null; label: boolean }[] = [];
      const { computeScores } = await import("../../core/scores/index.ts");
      await collectSnapshots(ctx.db, org.id, {
        kind: "churn",
        horizonDays: 90,
        days: [day],
        layout,
        config,
        customers: ["c4"],
        onRow: (r, input) =>
          out.push({
            row: [...r.row],
            risk: computeScores(input, day, config).results.churn_risk.score,
            label: r.label,
          }),
      });
      expect(out).toHaveLength(1);
      return out[0]!;
    };
    const before = await snapshot(t);
    // Plant, dated after t: a churn-intent ticket, a downgrade, a failed payment.
    const planted = [
      ev("c4", "ticket_opened", addDays(t, 3), {
        ticket_id: "T-late",
        subject: "Cancel",
        body: "We are cancelling our subscription and moving to a competitor, this is unacceptable",
      }),
      ev("c4", "plan_changed", addDays(t, 5), { from: "Pro", to: "Starter" }),
      ev("c4", "subscription_updated", addDays(t, 5), { plan: "Starter", mrr: 100 }),
      ev("c4", "invoice_payment_failed", addDays(t, 7), { amount: 100, reason: "card_declined" }),
    ];
    const r = await ingestEventBatch(ctx, org.id, planted, { detectDrops: false, queue: false });
    expect(r.rejected).toEqual([]);
    const after = await snapshot(t);
    // Same row, value for value (NaN for NaN), and the same composite score.
    expect(after.row).toEqual(before.row);
    expect(after.risk).toBe(before.risk);
    // The control: a snapshot after the planted facts sees every one of them.
    const seen = await snapshot(later);
    const v = (name: string) => seen.row[specs.findIndex((f) => f.name === name)];
    expect(v("tickets_30")).toBe(1);
    expect(v("downgrades_90")).toBe(1);
    expect(v("payments_failed_30")).toBe(1);
    expect(v("past_due")).toBe(1);
    expect(v("plan")).toBe(0); // Starter
    expect(v("arr")).toBe(1200);
    const b = (name: string) => before.row[specs.findIndex((f) => f.name === name)];
    expect([
      b("tickets_30"),
      b("downgrades_90"),
      b("payments_failed_30"),
      b("past_due"),
      b("plan"),
      b("arr"),
    ]).toEqual([0, 0, 0, 0, 1, 4800]);
  });
});
