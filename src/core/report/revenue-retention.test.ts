import { describe, expect, it } from "vitest";
import { RETENTION_FIXTURE, RETENTION_FIXTURE_AS_OF } from "./revenue-retention.fixture.ts";
import { monthStarts, revenueRetention } from "./revenue-retention.ts";

describe("monthStarts", () => {
  it("lists the calendar months up to the as-of day's, across a year end", () => {
    expect(monthStarts("2025-02-14", 4)).toEqual(["2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01"]);
  });
});

describe("revenueRetention on the hand-made fixture", () => {
  const [jan, feb, mar] = revenueRetention(RETENTION_FIXTURE, RETENTION_FIXTURE_AS_OF, 3);

  it("January: B's add-on expands 50, C contracts 100, G churns 70 (counted by hand)", () => {
    expect(jan).toMatchObject({
      month: "2025-01",
      start_day: "2025-01-01",
      end_day: "2025-02-01",
      complete: true,
      customers_start: 5,
      customers_end: 4,
      starting_mrr: 1020,
      new_mrr: 0,
      expansion_mrr: 50,
      contraction_mrr: 100,
      churned_mrr: 70,
      ending_mrr: 900,
      churned_customers: 1,
      gross_revenue_retention: 0.8333, // 850 / 1020
      net_revenue_retention: 0.8824, // 900 / 1020
      logo_churn: 0.2, // 1 of 5
      starting_arr: 12240,
      churned_arr: 840,
      ending_arr: 10800,
    });
  });

  it("February: B's upgrade expands 100, D churns 150, E is new with 80", () => {
    expect(feb).toMatchObject({
      month: "2025-02",
      end_day: "2025-03-01",
      complete: true,
      customers_start: 4,
      customers_end: 4,
      starting_mrr: 900,
      new_mrr: 80,
      expansion_mrr: 100,
      contraction_mrr: 0,
      churned_mrr: 150,
      ending_mrr: 930,
      churned_customers: 1,
      gross_revenue_retention: 0.8333, // 750 / 900
      net_revenue_retention: 0.9444, // 850 / 900
      logo_churn: 0.25, // 1 of 4
      expansion_arr: 1200,
      new_arr: 960,
      churned_arr: 1800,
    });
  });

  it("March, to the as-of day: nothing moved", () => {
    expect(mar).toMatchObject({
      month: "2025-03",
      end_day: "2025-03-10",
      complete: false,
      starting_mrr: 930,
      ending_mrr: 930,
      gross_revenue_retention: 1,
      net_revenue_retention: 1,
      logo_churn: 0,
    });
  });

  it("a month nobody started with has no ratios", () => {
    const [first] = revenueRetention(
      [{ customerId: "X", startDate: "2025-01-10", endDate: null, mrr: 5 }],
      "2025-01-31",
      1,
    );
    expect(first).toMatchObject({
      starting_mrr: 0,
      new_mrr: 5,
      gross_revenue_retention: null,
      logo_churn: null,
    });
  });
});
