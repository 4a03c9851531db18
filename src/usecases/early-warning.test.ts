import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { computeEarlyWarning, reportEarlyWarning } from "./early-warning.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { recomputeScores } from "./recompute.ts";

const now = new Date("2026-01-01T00:00:00Z");

async function seeded(s: StoreCase) {
  const org = await s.freshOrg();
  await importRavenstack(
    testContext(s.db(), () => now),
    org.id,
    ravenstackSourcesFromPath(writeDir(validRavenstack())),
    {
      grain: "subscription",
      source: "test",
      actor: "test",
      refresh: false,
    },
  );
  return org;
}

describeStores("early warning", (s) => {
  it("derives windows from the data and scores each customer from its signals", async () => {
    const org = await seeded(s);
    const run = await computeEarlyWarning(s.db(), org.id, parseConfig({}));
    expect(run.asOf).toEqual({ usageEnd: "2024-12-31", ticketEnd: "2024-12-28" });
    const byId = Object.fromEntries(run.customers.map((c) => [c.customerId, c]));
    // S-1: 10 uses in the last 30 days vs 20 before -> 50% drop (+28).
    expect(byId["S-1"]).toMatchObject({ usageLast: 10, usagePrior: 20, tickets: 1, churned: false });
    expect(byId["S-1"]!.result.score).toBe(28);
    // S-2: trial, downgraded, usage gone (30 -> 0), 1 ticket with satisfaction 2 and an escalation.
    expect(byId["S-2"]!.result.reasons.map((r) => r.rule)).toEqual([
      "usageDrop",
      "satisfaction",
      "escalation",
      "downgrade",
      "trial",
    ]);
    expect(byId["S-2"]!.result).toMatchObject({ score: 82, level: "High" });
    expect(byId["S-2"]!.churned).toBe(true);
    // S-3: 4 errors in the window (+8).
    expect(byId["S-3"]!.result.score).toBe(8);
  });

  it("an earlier as-of moves the windows and the churn label", async () => {
    const org = await seeded(s);
    const run = await computeEarlyWarning(s.db(), org.id, parseConfig({}), "2024-12-10");
    const report = await reportEarlyWarning(s.db(), org.id, run);
    expect(run.asOf).toEqual({ usageEnd: "2024-12-10", ticketEnd: "2024-12-10" });
    expect(report.churn_rate_label).toBe(0); // the churn event is on 2024-12-20
    expect(report.churn_reasons).toEqual({});
    const s2 = run.customers.find((c) => c.customerId === "S-2")!;
    expect([s2.usageLast, s2.usagePrior, s2.tickets]).toEqual([30, 0, 0]);
  });

  it("refuses an as-of that is not a date", async () => {
    const org = await seeded(s);
    await expect(computeEarlyWarning(s.db(), org.id, parseConfig({}), "2024-13-01")).rejects.toThrow(
      /not a date/,
    );
  });

  it("the pipeline stores early warning as one kind among the others, as the report computes it", async () => {
    const org = await seeded(s);
    const config = parseConfig({});
    const ctx = testContext(s.db(), () => now);
    const recompute = (asOf: string) =>
      recomputeScores(ctx, org.id, { asOf, config, configVersion: 3, cause: "manual" });
    // As of today: the data ended in 2024, so seed 004's windows end at the data, as the report's.
    const today = await recompute("2026-01-01");
    expect(today.windows).toEqual({ usageEnd: "2024-12-31", ticketEnd: "2024-12-28" });
    await recompute("2026-01-01"); // same day: replaced
    await recompute("2024-12-10"); // a replay: the windows end at the as-of day
    const k = s.db().kysely;
    const current = await k
      .selectFrom("scores")
      .selectAll()
      .where("org_id", "=", org.id)
      .where("kind", "=", "early_warning")
      .orderBy("customer_id")
      .execute();
    expect(current).toHaveLength(3);
    const s2 = current.find((c) => c.customer_id === "S-2")!;
    expect(JSON.parse(s2.reasons)).toHaveLength(2); // as of 2024-12-10: trial and downgrade only
    expect(s2.reason_kinds).toBe(",downgrade,trial,");
    expect(s2.config_version).toBe(3);
    const stored = JSON.parse(s2.signals) as { signals: { name: string }[]; detail: Record<string, unknown> };
    expect(stored.signals.map((x) => x.name)).toEqual(["downgrade", "trial"]);
    expect(stored.detail).toMatchObject({
      usage_end: "2024-12-10",
      tickets_end: "2024-12-10",
      is_trial: true,
    });

    const report = await computeEarlyWarning(s.db(), org.id, config);
    const history = await k
      .selectFrom("score_history")
      .select(["customer_id", "day", "score", "level"])
      .where("org_id", "=", org.id)
      .where("kind", "=", "early_warning")
      .orderBy("customer_id")
      .orderBy("day")
      .execute();
    expect(history.map((h) => h.day)).toEqual([
      "2024-12-10",
      "2026-01-01",
      "2024-12-10",
      "2026-01-01",
      "2024-12-10",
      "2026-01-01",
    ]);
    // The day's history row of the pipeline equals the read-only report's result.
    for (const c of report.customers) {
      const h = history.find((x) => x.customer_id === c.customerId && x.day === "2026-01-01")!;
      expect([Number(h.score), h.level]).toEqual([c.result.score, c.result.level]);
    }
  });
});
