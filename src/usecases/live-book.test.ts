import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { customerBrief } from "./customer-brief.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { driversReport, executiveReport, readExecutiveReport } from "./read-reports.ts";
import { refreshOrg } from "./refresh-org.ts";

const now = new Date("2025-02-01T08:00:00Z");
const AS_OF = "2025-01-31";

/**
 * The seed fixture plus three more accounts: S-1 and S-3 stay open (the live book); S-2 ended
 * 2024-12-20 (pricing), S-4 2024-06-05 (budget), S-6 2024-12-02 (no event) are lost in the
 * period; S-5 ended 2023-11-01, before it.
 */
function fixture(): Record<string, string> {
  const f = validRavenstack();
  f["ravenstack_accounts.csv"] += [
    "",
    "A-3,Company_3,EdTech,US,2024-01-05,partner,Pro,5,False,True",
    "A-4,Company_4,EdTech,US,2023-01-05,partner,Pro,5,False,True",
    "A-5,Company_5,EdTech,US,2024-01-05,partner,Basic,5,False,True",
  ].join("\n");
  f["ravenstack_subscriptions.csv"] += [
    "",
    "S-4,A-3,2024-01-05,2024-06-05,Pro,5,500,6000,False,False,False,True,monthly,False",
    "S-5,A-4,2023-01-05,2023-11-01,Pro,5,750,9000,False,False,False,True,monthly,False",
    "S-6,A-5,2024-01-05,2024-12-02,Basic,5,200,2400,False,False,False,True,monthly,False",
  ].join("\n");
  f["ravenstack_churn_events.csv"] += [
    "",
    "C-2,A-3,2024-06-05,budget,0,False,False,False,",
    "C-3,A-4,2023-11-01,support,0,False,False,False,",
  ].join("\n");
  return f;
}

async function seeded(s: StoreCase) {
  const org = await s.freshOrg();
  const ctx = testContext(s.db(), () => now);
  await importRavenstack(ctx, org.id, ravenstackSourcesFromPath(writeDir(fixture())), {
    grain: "subscription",
    source: "test",
    actor: "test",
    refresh: false,
  });
  await refreshOrg(ctx, org.id, "manual", { asOf: AS_OF });
  return { org, ctx };
}

describeStores("the live book and the lost (issue 18)", (s) => {
  it("a refresh writes each customer's status, churn date, reason and lost ARR; the stage reads it", async () => {
    const { org } = await seeded(s);
    const rows = await s
      .db()
      .kysely.selectFrom("customers")
      .select(["id", "status", "churn_date", "churn_reason", "lost_arr"])
      .where("org_id", "=", org.id)
      .orderBy("id")
      .execute();
    expect(
      rows.map((r) => [
        r.id,
        r.status,
        r.churn_date,
        r.churn_reason,
        r.lost_arr === null ? null : Number(r.lost_arr),
      ]),
    ).toEqual([
      ["S-1", "active", null, null, null],
      ["S-2", "churned", "2024-12-20", "pricing", 1200],
      ["S-3", "active", null, null, null],
      ["S-4", "churned", "2024-06-05", "budget", 6000],
      ["S-5", "churned", "2023-11-01", "support", 9000],
      ["S-6", "churned", "2024-12-02", null, 2400],
    ]);
    const stages = await s
      .db()
      .kysely.selectFrom("scores")
      .select(["customer_id", "level"])
      .where("org_id", "=", org.id)
      .where("kind", "=", "lifecycle_stage")
      .orderBy("customer_id")
      .execute();
    for (const r of stages)
      expect(r.level === "churned", r.customer_id).toBe(["S-2", "S-4", "S-5", "S-6"].includes(r.customer_id));
  });

  it("Executive counts only live customers; its High count is the live customers at headline tier high", async () => {
    const { org, ctx } = await seeded(s);
    const report = await readExecutiveReport(ctx, org.id);
    expect(report.book).toBe("live");
    expect(report.headline).toEqual({ key: "churn_risk", label: "Churn risk" });
    expect(report.customers).toBe(2);
    expect(report.total_arr).toBe(48_000);
    const live = await s
      .db()
      .kysely.selectFrom("scores as s")
      .innerJoin("customers as c", (j) =>
        j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
      )
      .select(["s.level", "c.arr", "c.status"])
      .where("s.org_id", "=", org.id)
      .where("s.kind", "=", "churn_risk")
      .execute();
    const liveRows = live.filter((r) => r.status !== "churned");
    const n = (lvl: string) => liveRows.filter((r) => r.level === lvl).length;
    expect(report.level_counts).toEqual({ High: n("high"), Medium: n("medium"), Low: n("low") });
    expect(report.levels.map((l) => [l.key, l.customers])).toEqual(
      ["critical", "high", "medium", "low"].map((k) => [k, n(k)]),
    );
    const atRisk = liveRows
      .filter((r) => r.level === "high" || r.level === "critical")
      .reduce((a, r) => a + Number(r.arr), 0);
    expect(report.arr_at_risk).toBe(atRisk);
    expect(report.statuses.find((x) => x.key === "churned")).toEqual({
      key: "churned",
      label: "Churned",
      customers: 4,
      arr: 18_600,
    });
  });

  it("lost business: churned customers and lost ARR in the 12 months to the as-of day, by reason and month", async () => {
    const { org } = await seeded(s);
    const config = parseConfig({});
    const { lost } = await executiveReport(s.db(), org.id, config, AS_OF, now);
    expect(lost).toMatchObject({ from: "2024-02-01", to: AS_OF, customers: 3, arr: 9_600 });
    expect(lost.by_reason).toEqual([
      { key: "budget", label: "Budget", customers: 1, arr: 6_000 },
      { key: "none", label: "No reason given", customers: 1, arr: 2_400 },
      { key: "pricing", label: "Pricing", customers: 1, arr: 1_200 },
    ]);
    expect(lost.by_month).toHaveLength(12);
    expect(lost.by_month.filter((m) => m.customers > 0)).toEqual([
      { month: "2024-06", customers: 1, arr: 6_000 },
      { month: "2024-12", customers: 2, arr: 3_600 },
    ]);
    const drivers = await driversReport(s.db(), org.id, config, AS_OF, now);
    expect(drivers.risk_by_plan_tier.reduce((a, t) => a + t.customers, 0)).toBe(2);
    // Every driver count is a count of live customers whose headline row carries that kind.
    const rows = await s
      .db()
      .kysely.selectFrom("scores as s")
      .innerJoin("customers as c", (j) =>
        j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
      )
      .select(["s.reason_kinds", "c.status"])
      .where("s.org_id", "=", org.id)
      .where("s.kind", "=", "churn_risk")
      .execute();
    for (const d of drivers.driver_counts) {
      const hand = rows.filter((r) => r.status !== "churned" && r.reason_kinds.includes(`,${d.key},`)).length;
      expect(d.customers, d.key).toBe(hand);
      expect(d.label).not.toContain("_");
    }
  });

  it("a churned customer's brief: churn date, reason and lost ARR, no risk level, a signed win-back draft", async () => {
    const { org } = await seeded(s);
    const brief = await customerBrief(s.db(), org.id, "S-2", now);
    expect(brief.customer).toMatchObject({
      churned: true,
      status: "churned",
      churn_date: "2024-12-20",
      churn_reason: "pricing",
      lost_arr: 1200,
      risk_level: null,
    });
    expect(brief.headline).toBe("Churned on Dec 20, 2024 (reason: Pricing), $1,200 ARR lost");
    expect(brief.headline_risk.level).toBeNull();
    expect(brief.scores.lifecycle_stage?.level).toBe("churned");
    expect(brief.drafts.email.subject).not.toContain("check-in");
    expect(brief.drafts.email.body).not.toContain("check-in");
    expect(brief.drafts.email.body.endsWith(`Best regards,\nThe ${org.name} Customer Success team`)).toBe(
      true,
    );

    const live = await customerBrief(s.db(), org.id, "S-1", now);
    expect(live.customer).toMatchObject({ churned: false, status: "active", churn_date: null });
    expect(live.headline).toMatch(/^Churn risk (low|medium|high|critical) \(\d+\)/);
    expect(live.headline).toContain(`(${live.customer.risk_score})`);
    expect(live.customer.risk_level).toBe(live.scores.churn_risk?.level);
    expect(live.scores.lifecycle_stage?.level).not.toBe("churned");
  });
});
