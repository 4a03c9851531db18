import { describe, expect, it } from "vitest";
import { eventEffects, utcDay } from "./effects.ts";
import type { CanonicalEvent } from "./schema.ts";

const e = (
  id: string,
  type: CanonicalEvent["type"],
  timestamp: string,
  properties: Record<string, unknown> = {},
): CanonicalEvent => ({
  id,
  customer_id: "c",
  type,
  timestamp,
  properties,
});
const ranks = new Map([
  ["Starter", 1],
  ["Pro", 2],
]);

describe("eventEffects", () => {
  it("adds counters and keeps the highest gauge reading of the day", () => {
    const fx = eventEffects(
      [
        e("1", "api_calls", "2026-03-01T01:00:00Z", { count: 10 }),
        e("2", "api_calls", "2026-03-01T23:00:00Z", { count: 5 }),
        e("3", "usage_metered", "2026-03-01T02:00:00Z", { meter: "seats", value: 8, limit: 10 }),
        e("4", "usage_metered", "2026-03-01T03:00:00Z", { meter: "seats", value: 7, limit: 10 }),
      ],
      (t) => ranks.get(t),
    );
    const cell = (metric: string, key = "") =>
      fx.rollups.find((c) => c.metric === metric && c.key === key)?.value;
    expect(cell("api_calls")).toBe(15);
    expect(cell("meter_value", "seats")).toBe(8);
    expect(cell("meter_limit", "seats")).toBe(10);
  });

  it("puts an event on the UTC day of its timestamp", () => {
    expect(utcDay("2026-03-01T23:30:00-02:00")).toBe("2026-03-02");
    expect(utcDay("2026-03-01T23:30:00Z")).toBe("2026-03-01");
  });

  it("tells upgrades from downgrades by the catalog's rank, and queues lifecycle recomputes", () => {
    const fx = eventEffects(
      [
        e("1", "plan_changed", "2026-03-01T00:00:00Z", { from: "Starter", to: "Pro" }),
        e("2", "plan_changed", "2026-03-02T00:00:00Z", { from: "Pro", to: "Starter" }),
        e("3", "plan_changed", "2026-03-03T00:00:00Z", { from: "Pro", to: "Unknown" }),
      ],
      (t) => ranks.get(t),
    );
    expect(fx.changes.map((c) => (c.kind === "plan_changed" ? c.direction : c.kind))).toEqual([
      "up",
      "down",
      "same",
    ]);
    expect(
      fx.rollups.filter((c) => c.metric === "upgrades" || c.metric === "downgrades").map((c) => c.metric),
    ).toEqual(["upgrades", "downgrades"]);
    expect([...fx.lifecycleCustomers]).toEqual(["c"]);
  });

  it("applies billing changes in timestamp order whatever the batch order", () => {
    const fx = eventEffects(
      [
        e("2", "subscription_resumed", "2026-03-05T00:00:00Z"),
        e("1", "subscription_paused", "2026-03-01T00:00:00Z"),
      ],
      () => undefined,
    );
    expect(fx.changes.map((c) => c.kind)).toEqual(["paused", "resumed"]);
  });
});
