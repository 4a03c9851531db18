import { describe, expect, it } from "vitest";
import { addMonths, nextAnniversary, type RenewalInput, renewalOf } from "./renewal.ts";

const sub = (o: Partial<RenewalInput>): RenewalInput => ({
  startDate: "2024-01-15",
  endDate: null,
  billingFrequency: "monthly",
  status: "active",
  trialEnd: null,
  ...o,
});

describe("addMonths", () => {
  it("clamps to the month's last day", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2024-01-31", 2)).toBe("2024-03-31");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2024-11-30", 3)).toBe("2025-02-28");
  });
});

describe("renewalOf", () => {
  const asOf = "2025-02-10";

  it("monthly: the next monthly anniversary on or after the as-of day", () => {
    expect(renewalOf(sub({ startDate: "2024-01-15" }), asOf)).toEqual({
      date: "2025-02-15",
      kind: "renewal",
      daysUntil: 5,
    });
    // On the anniversary itself: due today.
    expect(renewalOf(sub({ startDate: "2024-03-10" }), asOf)?.date).toBe("2025-02-10");
    expect(renewalOf(sub({ startDate: "2024-03-10" }), asOf)?.daysUntil).toBe(0);
    // Past this month's anniversary: next month's.
    expect(renewalOf(sub({ startDate: "2024-03-05" }), asOf)?.date).toBe("2025-03-05");
  });

  it("month end: Jan 31 renews Feb 28 (Feb 29 in a leap year), then Mar 31", () => {
    const jan31 = sub({ startDate: "2024-10-31" });
    expect(renewalOf(jan31, "2025-02-01")?.date).toBe("2025-02-28");
    expect(renewalOf(jan31, "2024-02-01")).toEqual({ date: "2024-11-30", kind: "renewal", daysUntil: 303 });
    expect(renewalOf(sub({ startDate: "2023-12-31" }), "2024-02-01")?.date).toBe("2024-02-29");
    expect(renewalOf(sub({ startDate: "2023-12-31" }), "2025-03-01")?.date).toBe("2025-03-31");
  });

  it("annual: the start's anniversary; Feb 29 renews Feb 28 in common years", () => {
    const leap = sub({ startDate: "2024-02-29", billingFrequency: "annual" });
    expect(renewalOf(leap, "2025-01-01")?.date).toBe("2025-02-28");
    expect(renewalOf(leap, "2027-03-01")?.date).toBe("2028-02-29");
    expect(renewalOf(sub({ startDate: "2023-06-01", billingFrequency: "annual" }), asOf)?.date).toBe(
      "2025-06-01",
    );
  });

  it("quarterly: every three months from the start", () => {
    const q = sub({ startDate: "2024-08-20", billingFrequency: "quarterly" });
    expect(renewalOf(q, asOf)?.date).toBe("2025-02-20");
    expect(renewalOf(q, "2025-02-21")?.date).toBe("2025-05-20");
  });

  it("a start after the as-of day renews one term after its start", () => {
    expect(renewalOf(sub({ startDate: "2025-03-01" }), asOf)?.date).toBe("2025-04-01");
    expect(nextAnniversary("2025-02-10", 12, "2025-02-10")).toBe("2026-02-10");
  });

  it("contract end: the end date when it is after the as-of day", () => {
    expect(renewalOf(sub({ endDate: "2025-03-31" }), asOf)).toEqual({
      date: "2025-03-31",
      kind: "contract_end",
      daysUntil: 49,
    });
  });

  it("ended, canceled: no renewal", () => {
    expect(renewalOf(sub({ endDate: "2025-02-10" }), asOf)).toBeNull();
    expect(renewalOf(sub({ endDate: "2024-12-01" }), asOf)).toBeNull();
    expect(renewalOf(sub({ status: "canceled" }), asOf)).toBeNull();
  });

  it("trialing: the trial end; an unknown frequency renews monthly", () => {
    expect(renewalOf(sub({ status: "trialing", trialEnd: "2025-02-24" }), asOf)).toEqual({
      date: "2025-02-24",
      kind: "trial_end",
      daysUntil: 14,
    });
    expect(renewalOf(sub({ billingFrequency: null, startDate: "2024-12-20" }), asOf)?.date).toBe(
      "2025-02-20",
    );
  });
});
