import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { PLAYS_DEFAULTS } from "../core/plays/config.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { orgInsights } from "./play-insights.ts";

const NOW = new Date("2026-06-15T08:00:00Z");
const PLANS = [
  { tier: "Starter", rank: 1, price: 29 },
  { tier: "Growth", rank: 2, price: 79 },
  { tier: "Enterprise", rank: 3, price: 899 },
];

describeStores("org insights from the org's own data", (s) => {
  it("price testing, plan structure and seasonal windows read sign-ups, churns and the catalog", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => NOW);
    // Two years of sign-ups with a summer peak that recurs; Growth (in the dead zone) gets most.
    const shape = [2, 2, 2, 4, 6, 8, 10, 9, 7, 5, 4, 3];
    let n = 0;
    for (let k = 0; k < 24; k++) {
      const d = new Date(Date.UTC(2024, 5 + k, 10)).toISOString().slice(0, 10);
      for (let j = 0; j < shape[(5 + k) % 12]! * 8; j++) {
        const tier = j % 10 === 0 ? "Enterprise" : j % 3 === 0 ? "Starter" : "Growth";
        await upsertCustomer(s.db(), org.id, `c${n++}`, { plan_tier: tier, signup_date: d, arr: 948 });
      }
    }
    await s
      .db()
      .kysely.updateTable("customers")
      .set({ status: "churned", churn_date: "2026-05-01" })
      .where("org_id", "=", org.id)
      .where("id", "in", ["c1", "c2", "c4", "c5"])
      .execute();
    const found = await orgInsights(ctx, org.id, PLAYS_DEFAULTS, PLANS, NOW);
    const by = new Map(found.map((i) => [i.tactic, i]));
    expect(by.get("price-testing")?.figures).toMatchObject({ plan: "Growth", price: 79 });
    expect(Number(by.get("price-testing")!.figures.new_subscribers)).toBeGreaterThan(0);
    expect(by.get("plan-structure-review")?.suggestion).toContain("Growth→Enterprise");
    expect(by.get("seasonal-demand-pricing")?.figures).toMatchObject({ peak_month: "07" });
    // Switched off, a detector says nothing.
    const off = await orgInsights(
      ctx,
      org.id,
      { ...PLAYS_DEFAULTS, tactics: { "seasonal-demand-pricing": { enabled: false } } },
      PLANS,
      NOW,
    );
    expect(off.map((i) => i.tactic)).not.toContain("seasonal-demand-pricing");
  });
});
