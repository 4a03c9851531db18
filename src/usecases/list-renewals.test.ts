import { beforeAll, expect, it } from "vitest";
import { RENEWALS_AS_OF, writeRenewalsFixture } from "../../test/support/renewals-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import type { Org } from "../store/orgs.ts";
import { listRenewals, type RenewalSort } from "./list-renewals.ts";

const now = () => new Date("2026-01-01T00:00:00Z");

describeStores("renewals view", (s) => {
  let org: Org;
  const ctx = () => testContext(s.db(), now);
  const ids = (p: { items: { subscription_id: string }[] }) => p.items.map((r) => r.subscription_id);
  const list = (
    within: number,
    sort: RenewalSort = "renewal_date",
    extra: { limit?: number; cursor?: string } = {},
    // The fixture's S1 is monthly: listed with includeMonthly (the default leaves it out, below).
  ) =>
    listRenewals(ctx(), org.id, {
      within,
      sort,
      limit: extra.limit ?? 50,
      cursor: extra.cursor,
      includeMonthly: true,
    });

  beforeAll(async () => {
    org = await s.freshOrg();
    await writeRenewalsFixture(s.db(), org.id);
  });

  it("lists exactly the open subscriptions of live customers due within 30 days, as of the historical data's last day", async () => {
    const p = await list(30);
    expect(p.as_of).toBe(RENEWALS_AS_OF);
    expect(ids(p)).toEqual(["S10", "S9", "S1", "S2"]);
    expect(p.total).toBe(4);
    expect(p.next_cursor).toBeNull();
    expect(p.items.map((r) => [r.renewal_date, r.days_until, r.kind])).toEqual([
      ["2025-03-12", 2, "trial_end"],
      ["2025-03-20", 10, "renewal"],
      ["2025-03-31", 21, "renewal"],
      ["2025-04-05", 26, "renewal"],
    ]);
    expect(p.items[2]).toMatchObject({
      customer_id: "c1",
      account_name: "Account c1",
      plan_tier: "Pro",
      arr: 1200,
      auto_renew: true,
      owner: "ana",
      risk_score: 80,
      risk_level: "high",
    });
    expect(p.items[3]).toMatchObject({ auto_renew: false, owner: "ben", risk_score: 30 });
    expect(p.items[0]).toMatchObject({ risk_score: null, risk_level: null });
  });

  it("leaves monthly billing anniversaries out by default (not a renewal a CS team works)", async () => {
    const p = await listRenewals(ctx(), org.id, { within: 30, sort: "renewal_date", limit: 50 });
    expect(ids(p)).toEqual(["S10", "S9", "S2"]);
    expect(p.buckets[0]).toMatchObject({ within: 30, subscriptions: 3 });
  });

  it("60 and 90 days add the later renewal and the contract end; buckets equal the lists", async () => {
    const [d30, d60, d90] = await Promise.all([list(30), list(60), list(90)]);
    expect(ids(d60)).toEqual(["S10", "S9", "S1", "S2", "S3"]);
    expect(ids(d90)).toEqual(["S10", "S9", "S1", "S2", "S3", "S4"]);
    expect(d90.items.at(-1)).toMatchObject({
      renewal_date: "2025-06-01",
      kind: "contract_end",
      days_until: 83,
    });
    expect(d30.buckets).toEqual([
      { within: 30, subscriptions: 4, arr: 15600 },
      { within: 60, subscriptions: 5, arr: 21600 },
      { within: 90, subscriptions: 6, arr: 24600 },
    ]);
    for (const p of [d30, d60, d90]) {
      const b = p.buckets.find((x) => x.within === p.within)!;
      expect(b.subscriptions).toBe(p.items.length);
      expect(b.arr).toBe(p.items.reduce((sum, r) => sum + r.arr, 0));
    }
  });

  it("sorts by ARR or by risk (unscored last), and pages with the cursor without gaps", async () => {
    expect(ids(await list(30, "-arr"))).toEqual(["S2", "S9", "S1", "S10"]);
    expect(ids(await list(30, "-risk_score"))).toEqual(["S9", "S1", "S2", "S10"]);
    for (const sort of ["renewal_date", "-arr", "-risk_score"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await list(90, sort, { limit: 2, cursor });
        seen.push(...ids(p));
        cursor = p.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids(await list(90, sort)));
    }
  });

  it("reads the headline kind from the org's config", async () => {
    const ew = await listRenewals(
      testContext(s.db(), now, parseConfig({ scores: { headline: "early_warning" } })),
      org.id,
      { within: 30, sort: "-risk_score", limit: 50, includeMonthly: true },
    );
    expect(ew.headline).toBe("early_warning");
    expect(ids(ew)).toEqual(["S2", "S9", "S1", "S10"]);
  });

  it("refuses a window other than 30/60/90 and a bad cursor, naming the field", async () => {
    await expect(list(45)).rejects.toThrow(/within/);
    await expect(list(30, "-arr", { cursor: "nope" })).rejects.toThrow(/cursor/);
  });
});
