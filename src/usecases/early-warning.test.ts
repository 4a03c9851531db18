import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import {
  computeEarlyWarning,
  EARLY_WARNING_KIND,
  reportEarlyWarning,
  saveEarlyWarning,
} from "./early-warning.ts";
import { importRavenstack } from "./import-ravenstack.ts";

const now = new Date("2026-01-01T00:00:00Z");

describeStores("early-warning engine", (s) => {
  async function seeded() {
    const org = await s.freshOrg();
    await importRavenstack(
      testContext(s.db(), () => now),
      org.id,
      ravenstackSourcesFromPath(writeDir(validRavenstack())),
      { grain: "subscription", source: "test", actor: "test", refresh: false },
    );
    return org;
  }

  it("derives windows from the data and scores each customer from its signals", async () => {
    const org = await seeded();
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
    const org = await seeded();
    const run = await computeEarlyWarning(s.db(), org.id, parseConfig({}), "2024-12-10");
    const report = await reportEarlyWarning(s.db(), org.id, run);
    expect(run.asOf).toEqual({ usageEnd: "2024-12-10", ticketEnd: "2024-12-10" });
    expect(report.churn_rate_label).toBe(0); // the churn event is on 2024-12-20
    expect(report.churn_reasons).toEqual({});
    const s2 = run.customers.find((c) => c.customerId === "S-2")!;
    expect([s2.usageLast, s2.usagePrior, s2.tickets]).toEqual([30, 0, 0]);
  });

  it("refuses an as-of that is not a date", async () => {
    const org = await seeded();
    await expect(computeEarlyWarning(s.db(), org.id, parseConfig({}), "2024-13-01")).rejects.toThrow(
      /not a date/,
    );
  });

  it("stores current scores with every reason, and one history row per customer and day", async () => {
    const org = await seeded();
    const config = parseConfig({});
    await saveEarlyWarning(s.db(), org.id, await computeEarlyWarning(s.db(), org.id, config), now);
    await saveEarlyWarning(s.db(), org.id, await computeEarlyWarning(s.db(), org.id, config), now); // same day: replaced
    await saveEarlyWarning(
      s.db(),
      org.id,
      await computeEarlyWarning(s.db(), org.id, config, "2024-12-10"),
      now,
    );
    const k = s.db().kysely;
    const current = await k
      .selectFrom("scores")
      .selectAll()
      .where("org_id", "=", org.id)
      .orderBy("customer_id")
      .execute();
    expect(current).toHaveLength(3);
    const s2 = current.find((c) => c.customer_id === "S-2")!;
    expect(s2.kind).toBe(EARLY_WARNING_KIND);
    expect(JSON.parse(s2.reasons)).toHaveLength(2); // as of 2024-12-10: trial and downgrade only
    const history = await k.selectFrom("score_history").selectAll().where("org_id", "=", org.id).execute();
    expect(history.map((h) => h.day).sort()).toEqual([
      "2024-12-10",
      "2024-12-10",
      "2024-12-10",
      "2024-12-31",
      "2024-12-31",
      "2024-12-31",
    ]);
  });
});
