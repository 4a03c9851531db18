import { beforeAll, expect, it } from "vitest";
import { validRavenstack } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { CustomerFacetsQuery, CustomerListQuery } from "../contracts/customers.ts";
import { parseConfig } from "../core/config.ts";
import { HEADLINE_DRIVERS } from "../core/customers/list-filters.ts";
import { ravenstackSourcesFromUploads } from "../ingest/ravenstack/sources.ts";
import type { Db } from "../store/open-store.ts";
import type { Org } from "../store/orgs.ts";
import type { UseCaseContext } from "./context.ts";
import { customerFacets } from "./customer-facets.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { listCustomers } from "./list-customers.ts";
import { updateOrgConfig } from "./org-config.ts";
import { driversReport } from "./read-reports.ts";
import { upsertCustomer } from "./upsert-customer.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const enc = (s: string) => new TextEncoder().encode(s);

/**
 * The statuses the derivation gives the fixture (S-2's account churned and its only subscription
 * ended 2024-12-20; S-1 and S-3 are open), plus two added customers set past due and trialing,
 * written directly so the test does not depend on when the refresh derives them.
 */
async function setStatuses(db: Db, orgId: number) {
  const set = async (id: string, status: string, churnDate: string | null = null) =>
    db.kysely
      .updateTable("customers")
      .set({ status, churn_date: churnDate })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .execute();
  await set("S-1", "active");
  await set("S-2", "churned", "2024-12-20");
  await set("S-3", "active");
  await set("N-1", "past_due");
  await set("N-2", "trialing");
}

describeStores("customer list and facets", (s) => {
  let ctx: UseCaseContext;
  let org: Org;
  const list = (qs: Record<string, string> = {}) => listCustomers(ctx, org.id, CustomerListQuery.parse(qs));
  const facets = (qs: Record<string, string> = {}) =>
    customerFacets(ctx, org.id, CustomerFacetsQuery.parse(qs));
  /** Every page of the list, walked with the cursor. */
  async function allPages(qs: Record<string, string>) {
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await list({ ...qs, limit: "1", ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    ctx = testContext(s.db(), now, parseConfig({}));
    org = await s.freshOrg();
    const files = new Map(Object.entries(validRavenstack()).map(([k, v]) => [k, enc(v)]));
    await importRavenstack(ctx, org.id, ravenstackSourcesFromUploads(files), {
      grain: "subscription",
      source: "t",
      actor: "t",
    });
    await upsertCustomer(
      ctx,
      org.id,
      "N-1",
      { name: "Newco", plan_tier: "Starter", arr: 500 },
      { actor: "t" },
    );
    await upsertCustomer(
      ctx,
      org.id,
      "N-2",
      { name: "Growco", plan_tier: "Growth", arr: 2500 },
      { actor: "t" },
    );
    await setStatuses(s.db(), org.id);
  });

  it("lists the live book by default, ranked by the churn-risk headline, with totals of the whole set", async () => {
    const live = await list({ sort: "customer_id" });
    expect(live.items.map((i) => i.customer_id)).toEqual(["N-1", "N-2", "S-1", "S-3"]);
    expect(live.total).toEqual({ customers: 4, arr: 500 + 2500 + 12000 + 36000 });
    const churned = await list({ book: "churned" });
    expect(churned.items.map((i) => [i.customer_id, i.status, i.churn_date, i.churned])).toEqual([
      ["S-2", "churned", "2024-12-20", true],
    ]);
    expect((await list({ book: "all", sort: "arr" })).total).toEqual({ customers: 5, arr: 52200 });
    // Old links: churned=true|false pick the book.
    expect((await list({ churned: "true" })).items.map((i) => i.customer_id)).toEqual(["S-2"]);
    const ranked = (await list({ book: "all" })).items.filter((i) => i.risk_score !== null);
    expect(ranked.length).toBe(3);
    expect(ranked.every((i) => ["low", "medium", "high", "critical"].includes(i.risk_level!))).toBe(true);
    const scores = ranked.map((i) => i.risk_score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Customers without a churn-risk score (no activity, tickets or subscription) come last.
    const riskOrder = (await list({ book: "all", limit: "10" })).items;
    expect(riskOrder.slice(-2).map((i) => [i.customer_id, i.risk_score])).toEqual([
      ["N-2", null],
      ["N-1", null],
    ]);
  });

  it("filters by status, plan tier, risk level, per-kind level, min ARR, text and driver", async () => {
    const ids = async (qs: Record<string, string>) =>
      (await list({ sort: "customer_id", ...qs })).items.map((i) => i.customer_id);
    expect(await ids({ status: "past_due" })).toEqual(["N-1"]);
    expect(await ids({ status: "churned" })).toEqual([]); // the live book has no churned customer
    expect(await ids({ book: "all", status: "churned" })).toEqual(["S-2"]);
    expect(await ids({ plan_tier: "Growth" })).toEqual(["N-2"]);
    expect(await ids({ min_arr: "12000" })).toEqual(["S-1", "S-3"]);
    expect(await ids({ q: "newco" })).toEqual(["N-1"]);
    const all = (await list({ book: "all", limit: "500" })).items;
    const level = all[0]!.risk_level!;
    expect(await ids({ book: "all", risk_level: level })).toEqual(
      all
        .filter((i) => i.risk_level === level)
        .map((i) => i.customer_id)
        .sort(),
    );
    const f = await facets({ book: "all" });
    for (const o of f.facets.churn_risk_tier!) {
      expect((await list({ book: "all", churn_risk_tier: o.value })).total.customers).toBe(o.count);
    }
    expect(f.facets.driver!.length).toBeGreaterThan(0);
    for (const o of f.facets.driver!) {
      const matching = all.filter((i) => i.risk_level !== null);
      expect(matching.length).toBeGreaterThanOrEqual(o.count);
      expect((await list({ book: "all", driver: o.value })).total.customers).toBe(o.count);
    }
  });

  it("each driver count of the Drivers report equals the list total with driver=", async () => {
    const report = await driversReport(s.db(), org.id, parseConfig({}), undefined, now());
    expect(report.driver_counts.map((d) => d.key)).toEqual([...HEADLINE_DRIVERS.churn_risk]);
    expect(report.driver_counts.some((d) => d.customers > 0)).toBe(true);
    for (const d of report.driver_counts) {
      expect((await list({ driver: d.key })).total.customers, d.key).toBe(d.customers);
    }
  });

  it("totals equal the sum of all pages, for every sort and filter", async () => {
    const queries: Record<string, string>[] = [
      {},
      { sort: "risk_score" },
      { book: "all" },
      { book: "all", sort: "risk_score" },
      { book: "all", sort: "-arr" },
      { min_arr: "1000", sort: "account_name" },
    ];
    for (const qs of queries) {
      const pages = await allPages(qs);
      const { total } = await list(qs);
      expect(pages.length, JSON.stringify(qs)).toBe(total.customers);
      expect(new Set(pages.map((i) => i.customer_id)).size).toBe(total.customers);
      expect(pages.reduce((a, i) => a + i.arr, 0)).toBe(total.arr);
    }
  });

  it("facets come from the data and each count equals the list total with that option chosen", async () => {
    const f = await facets();
    expect(f.headline).toBe("churn_risk");
    expect(f.total).toEqual((await list()).total);
    expect(f.facets.plan_tier!.map((o) => o.value)).toEqual(
      expect.arrayContaining(["Basic", "Enterprise", "Growth", "Pro", "Starter"]),
    );
    expect(f.facets.plan_tier!.find((o) => o.value === "Basic")).toEqual({
      value: "Basic",
      label: "Basic",
      count: 0,
    });
    expect(f.facets.book).toEqual([
      { value: "live", label: "Live book", count: 4 },
      { value: "churned", label: "Churned", count: 1 },
      { value: "all", label: "All customers", count: 5 },
    ]);
    expect(f.facets.status!.find((o) => o.value === "past_due")).toEqual({
      value: "past_due",
      label: "Past due",
      count: 1,
    });
    // Drill-down agreement: every option of every facet, with another filter applied too.
    const bases: Record<string, string>[] = [{}, { min_arr: "1000" }, { book: "all" }];
    for (const base of bases) {
      const fb = await facets(base);
      for (const [field, opts] of Object.entries(fb.facets)) {
        for (const o of opts) {
          if (o.count === 0) continue;
          const { total } = await list({ ...base, [field]: o.value });
          expect(total.customers, `${JSON.stringify(base)} ${field}=${o.value}`).toBe(o.count);
        }
      }
    }
  });

  it("an org whose headline is early warning ranks and filters by it", async () => {
    const other = await s.freshOrg();
    const files = new Map(Object.entries(validRavenstack()).map(([k, v]) => [k, enc(v)]));
    await importRavenstack(ctx, other.id, ravenstackSourcesFromUploads(files), {
      grain: "subscription",
      source: "t",
      actor: "t",
    });
    await updateOrgConfig(ctx, other.id, { patch: { scores: { headline: "early_warning" } }, author: "t" });
    const q = CustomerListQuery.parse({ book: "all", risk_level: "High" });
    const page = await listCustomers(ctx, other.id, q);
    expect(page.items.map((i) => i.risk_level)).toEqual(["High"]);
    const f = await customerFacets(ctx, other.id, CustomerFacetsQuery.parse({ book: "all" }));
    expect(f.headline).toBe("early_warning");
    expect(f.facets.risk_level!.map((o) => o.value)).toEqual(["High", "Low"]);
    const usage = f.facets.driver!.find((o) => o.value === "usage")!;
    expect(usage.count).toBe(2);
    const drill = await listCustomers(
      ctx,
      other.id,
      CustomerListQuery.parse({ book: "all", driver: "usage" }),
    );
    expect(drill.total.customers).toBe(2);
    expect(HEADLINE_DRIVERS.early_warning).toContain("usage");
  });

  it("refuses invalid filter values naming the field", async () => {
    await expect(list({ plan_tier: "Platinum" })).rejects.toThrow(
      /plan_tier: "Platinum" is not a plan tier of this workspace; its tiers are Basic, Enterprise, Growth, Pro, Starter/,
    );
    await expect(list({ driver: "usage" })).rejects.toThrow(
      /driver: must be one of the churn_risk drivers: .*payments_failed/,
    );
    await expect(list({ risk_level: "High" })).rejects.toThrow(
      /risk_level: must be one of critical, high, medium, low/,
    );
    await expect(facets({ driver: "nope" })).rejects.toThrow(/driver/);
    expect(CustomerListQuery.safeParse({ min_arr: "-500" }).error?.issues[0]).toMatchObject({
      path: ["min_arr"],
      message: "min_arr must be >= 0",
    });
  });
});
