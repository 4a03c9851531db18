import { beforeAll, expect, it } from "vitest";
import { RENEWALS_AS_OF, writeBook, writeRenewalsFixture } from "../../test/support/renewals-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import type { Org } from "../store/orgs.ts";
import { renewalDatesFresh } from "../store/renewal-dates.ts";
import { listRenewals, RENEWAL_WINDOWS, type RenewalSort, type RenewalsPage } from "./list-renewals.ts";
import { refreshRenewalDates } from "./refresh-renewal-dates.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const SORTS: RenewalSort[] = ["renewal_date", "-arr", "-risk_score"];

describeStores("renewals from the stored next-renewal dates (issue 18)", (s) => {
  let org: Org;
  const ctx = () => testContext(s.db(), now);
  /** Every page of one list, walked with the cursor, `limit` rows at a time. */
  async function walk(within: number, sort: RenewalSort, limit: number, includeMonthly: boolean) {
    const pages: RenewalsPage[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const p = await listRenewals(ctx(), org.id, { within, sort, limit, cursor, includeMonthly });
      pages.push(p);
      if (!p.next_cursor) break;
      cursor = p.next_cursor;
    }
    return pages;
  }
  async function everyList() {
    const out: RenewalsPage[][] = [];
    for (const within of RENEWAL_WINDOWS)
      for (const sort of SORTS)
        for (const includeMonthly of [false, true])
          for (const limit of [1, 2, 50]) out.push(await walk(within, sort, limit, includeMonthly));
    return out;
  }

  beforeAll(async () => {
    org = await s.freshOrg();
    await writeRenewalsFixture(s.db(), org.id);
  });

  it("answers every window, sort, page size and cursor exactly as the list computed in memory", async () => {
    expect(await renewalDatesFresh(s.db(), org.id, RENEWALS_AS_OF)).toBe(false);
    const inMemory = await everyList();
    expect(inMemory.some((pages) => pages.some((p) => p.items.length > 0))).toBe(true);
    const changed = await refreshRenewalDates(s.db(), org.id, RENEWALS_AS_OF);
    expect(changed).toBeGreaterThan(0);
    expect(await renewalDatesFresh(s.db(), org.id, RENEWALS_AS_OF)).toBe(true);
    expect(await everyList()).toEqual(inMemory);
    // A second refresh the same day changes nothing.
    expect(await refreshRenewalDates(s.db(), org.id, RENEWALS_AS_OF)).toBe(0);
  });

  it("a subscription written after the refresh: not fresh, listed at once; the next refresh indexes it", async () => {
    await writeBook(
      s.db(),
      org.id,
      [{ id: "late" }],
      [{ id: "S-late", customer_id: "late", start_date: "2024-04-01", billing_frequency: "annual", mrr: 10 }],
    );
    expect(await renewalDatesFresh(s.db(), org.id, RENEWALS_AS_OF)).toBe(false);
    const before = await listRenewals(ctx(), org.id, { within: 90, sort: "renewal_date", limit: 100 });
    expect(before.items.map((r) => r.subscription_id)).toContain("S-late");
    // Only the late subscription is computed (the day is the same).
    expect(await refreshRenewalDates(s.db(), org.id, RENEWALS_AS_OF, [])).toBe(1);
    expect(await renewalDatesFresh(s.db(), org.id, RENEWALS_AS_OF)).toBe(true);
    const after = await listRenewals(ctx(), org.id, { within: 90, sort: "renewal_date", limit: 100 });
    expect(after).toEqual(before);
  });
});
