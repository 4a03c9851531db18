import { describe, expect, it } from "vitest";
import { CustomerUpsert } from "../../core/customers/schema.ts";
import { parseEventBatch } from "../../ingest/events/parse-events.ts";
import { simulateCustomer, simulateWorkspace } from "./simulate.ts";

const O = { customers: 300, seed: 7, end: "2026-06-30", months: 18 };
const now = new Date("2026-07-01T00:00:00Z");

describe("demo workspace simulator", () => {
  const all = [...simulateWorkspace(O)];

  it("is deterministic from the seed", () => {
    expect(JSON.stringify(simulateCustomer(5, O))).toBe(JSON.stringify(all[5]));
    expect(JSON.stringify(simulateCustomer(5, { ...O, seed: 8 }))).not.toBe(JSON.stringify(all[5]));
  });

  it("writes customers and events that the API contracts accept", () => {
    for (const c of all.slice(0, 60)) {
      const { id, ...body } = c.customer;
      expect(CustomerUpsert.safeParse(body).success, id).toBe(true);
      for (let i = 0; i < c.events.length; i += 10_000) {
        const parsed = parseEventBatch(c.events.slice(i, i + 10_000), now);
        expect(parsed.rejected, id).toEqual([]);
      }
    }
  });

  it("stops a customer's events at its cancellation, which matches the ground truth", () => {
    const churned = all.filter((c) => c.truth.churned_on);
    expect(churned.length).toBeGreaterThan(20);
    for (const c of churned) {
      const cancel = c.events.find((e) => e.type === "subscription_canceled")!;
      expect(cancel.timestamp.slice(0, 10)).toBe(c.truth.churned_on);
      expect(c.events.every((e) => e.timestamp <= cancel.timestamp)).toBe(true);
    }
  });

  it("lets churn propensity drive both behaviour and outcome", () => {
    const lastMonthActivity = (c: (typeof all)[number], end: string) => {
      const from = new Date(Date.parse(end) - 30 * 86_400_000).toISOString();
      return c.events.filter(
        (e) => e.type === "session_start" && e.timestamp >= from && e.timestamp <= `${end}T23:59:59Z`,
      ).length;
    };
    const churners = all.filter(
      (c) => c.truth.churned_on && !c.events.some((e) => e.type === "invoice_payment_failed"),
    );
    const stayers = all.filter((c) => !c.truth.churned_on && c.customer.signup_date! < "2026-03-01");
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    // Sessions in the 30 days before leaving are fewer than a stayer's last 30 days.
    expect(mean(churners.map((c) => lastMonthActivity(c, c.truth.churned_on!)))).toBeLessThan(
      mean(stayers.map((c) => lastMonthActivity(c, O.end))) * 0.7,
    );
    expect(mean(churners.map((c) => c.truth.churn_propensity))).toBeGreaterThan(
      mean(stayers.map((c) => c.truth.churn_propensity)),
    );
    const intent = (c: (typeof all)[number]) =>
      c.events.some((e) => e.type === "ticket_opened" && e.properties.priority === "high");
    expect(churners.filter(intent).length / churners.length).toBeGreaterThan(
      stayers.filter(intent).length / stayers.length,
    );
  });

  it("lets expansion propensity drive upgrades", () => {
    const upgraded = all.filter((c) => c.truth.upgraded_on);
    const rest = all.filter((c) => !c.truth.upgraded_on);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    expect(upgraded.length).toBeGreaterThan(5);
    expect(mean(upgraded.map((c) => c.truth.expansion_propensity))).toBeGreaterThan(
      mean(rest.map((c) => c.truth.expansion_propensity)),
    );
  });
});
