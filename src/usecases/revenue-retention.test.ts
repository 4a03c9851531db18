import { beforeAll, expect, it } from "vitest";
import { writeBook } from "../../test/support/renewals-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { RETENTION_FIXTURE, RETENTION_FIXTURE_AS_OF } from "../core/report/revenue-retention.fixture.ts";
import type { Org } from "../store/orgs.ts";
import { reportAsOf } from "./report-as-of.ts";
import { readRevenueRetention } from "./revenue-retention.ts";

const now = () => new Date("2025-03-10T12:00:00Z");

describeStores("revenue retention from stored subscriptions", (s) => {
  let org: Org;
  beforeAll(async () => {
    org = await s.freshOrg();
    const customers = [...new Set(RETENTION_FIXTURE.map((x) => x.customerId))].map((id) => ({ id }));
    await writeBook(
      s.db(),
      org.id,
      customers,
      RETENTION_FIXTURE.map((x, i) => ({
        id: `sub-${i}`,
        customer_id: x.customerId,
        start_date: x.startDate,
        end_date: x.endDate,
        mrr: x.mrr,
      })),
    );
  });

  it("counts the fixture's months as by hand (as of the clock's day: no usage or tickets)", async () => {
    const r = await readRevenueRetention(testContext(s.db(), now), org.id, { months: 3 });
    expect(r.as_of).toBe(RETENTION_FIXTURE_AS_OF);
    expect(
      r.months.map((m) => [
        m.month,
        m.starting_mrr,
        m.expansion_mrr,
        m.contraction_mrr,
        m.churned_mrr,
        m.new_mrr,
        m.ending_mrr,
        m.gross_revenue_retention,
        m.net_revenue_retention,
        m.logo_churn,
      ]),
    ).toEqual([
      ["2025-01", 1020, 50, 100, 70, 0, 900, 0.8333, 0.8824, 0.2],
      ["2025-02", 900, 100, 0, 150, 80, 930, 0.8333, 0.9444, 0.25],
      ["2025-03", 930, 0, 0, 0, 0, 930, 1, 1, 0],
    ]);
  });

  it("defaults to 12 months and refuses a bad as-of day", async () => {
    const r = await readRevenueRetention(testContext(s.db(), now), org.id, { asOf: "2025-03-10" });
    expect(r.months.map((m) => m.month)).toEqual([
      "2024-04",
      "2024-05",
      "2024-06",
      "2024-07",
      "2024-08",
      "2024-09",
      "2024-10",
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
    // G (70) and F (60) were both paying from 2024-02 on; F leaves in December.
    expect(r.months[8]).toMatchObject({ month: "2024-12", churned_mrr: 60, churned_customers: 1 });
    await expect(
      readRevenueRetention(testContext(s.db(), now), org.id, { asOf: "2025-02-30" }),
    ).rejects.toThrow(/as_of/);
  });

  it("takes today unless the org's data ended more than 14 days ago", async () => {
    const day = (d: string) => testContext(s.db(), () => new Date(`${d}T08:00:00Z`));
    expect(await reportAsOf(day("2025-03-10"), org.id)).toBe("2025-03-10"); // no usage or tickets
    await s
      .db()
      .kysely.insertInto("usage_daily")
      .values({
        org_id: org.id,
        day: "2025-03-01",
        customer_id: "A",
        feature: "x",
        uses: 1,
        duration_secs: 0,
        errors: 0,
      })
      .execute();
    expect(await reportAsOf(day("2025-03-15"), org.id)).toBe("2025-03-15"); // live: 14 days ago
    expect(await reportAsOf(day("2025-03-16"), org.id)).toBe("2025-03-01"); // historical
    expect(await reportAsOf(day("2025-03-16"), org.id, "2025-01-31")).toBe("2025-01-31");
  });
});
