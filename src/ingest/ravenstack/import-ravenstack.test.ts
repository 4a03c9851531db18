import { describe, expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../../test/support/ravenstack-fixture.ts";
import { readRavenstack } from "./import-ravenstack.ts";
import { ravenstackSourcesFromPath } from "./sources.ts";

// Reading is pure: no store. The writes, history and audit are the importRavenstack use case's
// (src/usecases/import-ravenstack.test.ts runs the refusals and upserts on both stores).
describe("readRavenstack", () => {
  it("builds the store rows of every table, sorted by key, for the chosen grain", async () => {
    const r = await readRavenstack(ravenstackSourcesFromPath(writeDir(validRavenstack())), {
      grain: "subscription",
    });
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.rowsRead).toEqual({
      accounts: 2,
      subscriptions: 3,
      churn_events: 1,
      support_tickets: 2,
      feature_usage: 4,
    });
    expect(r.customerIds).toEqual(["S-1", "S-2", "S-3"]);
    expect(r.rows.customers.map((c) => c[0])).toEqual(["S-1", "S-2", "S-3"]);
    expect(r.rows.plans.map((p) => p[0])).toEqual(["Basic", "Pro", "Enterprise"]);
    expect([...r.rows.usage_daily]).toHaveLength(4);

    const byAccount = await readRavenstack(ravenstackSourcesFromPath(writeDir(validRavenstack())), {
      grain: "account",
    });
    expect(byAccount.ok && byAccount.customerIds).toEqual(["A-1", "A-2"]);
  });

  it("returns every error (capped, then a count) and no rows", async () => {
    const files = validRavenstack();
    files["ravenstack_accounts.csv"] = files["ravenstack_accounts.csv"]!.replace("2024-01-10", "2024/01/10");
    for (let i = 0; i < 5; i++)
      files["ravenstack_feature_usage.csv"] += `\nU-x${i},S-1,2024-12-3x,feature_1,1,1,0,False`;
    const r = await readRavenstack(ravenstackSourcesFromPath(writeDir(files)), {
      grain: "subscription",
      errorCap: 3,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errorCount).toBe(6);
    expect(r.errors).toEqual([
      'ravenstack_accounts.csv:2: signup_date: "2024/01/10" is not a date (expected YYYY-MM-DD)',
      expect.stringMatching(/^ravenstack_feature_usage\.csv:6: usage_date: /),
      expect.stringMatching(/^ravenstack_feature_usage\.csv:7: usage_date: /),
      "... and 3 more errors",
    ]);
  });
});
