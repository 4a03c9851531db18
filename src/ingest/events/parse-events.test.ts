import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HoldfastError } from "../../core/errors.ts";
import { EVENT_TYPES } from "../../core/events/schema.ts";
import { parseEventBatch } from "./parse-events.ts";

const now = new Date("2026-03-10T12:00:00Z");

describe("parseEventBatch", () => {
  it("accepts every canonical type with its properties", () => {
    const props: Record<string, object> = {
      feature_used: { feature: "export" },
      api_calls: { count: 3 },
      page_view: { page: "pricing" },
      usage_metered: { meter: "api_calls", value: 10, limit: 100 },
      ticket_updated: { ticket_id: "T1" },
      nps_response: { score: 9 },
      plan_changed: { from: "A", to: "B" },
      offer_seen: { offer_id: "o" },
      offer_dismissed: { offer_id: "o" },
      offer_accepted: { offer_id: "o" },
      email_bounced: { kind: "hard" },
    };
    const batch = EVENT_TYPES.map((type, i) => ({
      id: `e${i}`,
      customer_id: "c",
      type,
      timestamp: "2026-03-01T00:00:00+02:00",
      properties: props[type] ?? {},
    }));
    const out = parseEventBatch(batch, now);
    expect(out.rejected).toEqual([]);
    expect(out.events).toHaveLength(EVENT_TYPES.length);
  });

  it("fills property defaults and keeps extra properties", () => {
    const out = parseEventBatch(
      [
        {
          id: "a",
          customer_id: "c",
          type: "feature_used",
          timestamp: "2026-03-01T00:00:00Z",
          properties: { feature: "x", plan: "pro" },
        },
      ],
      now,
    );
    expect(out.events[0]!.properties).toEqual({
      feature: "x",
      plan: "pro",
      count: 1,
      duration_secs: 0,
      errors: 0,
    });
  });

  it("refuses a body that is neither a list nor NDJSON text", () => {
    expect(() => parseEventBatch({ id: "x" }, now)).toThrow(HoldfastError);
  });

  it("never throws on arbitrary items: each is an event or a rejection naming its index", () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 30 }), (items) => {
        const out = parseEventBatch(items, now);
        expect(out.events.length + out.rejected.length + out.duplicatesInBatch).toBe(items.length);
        for (const r of out.rejected) {
          expect(r.index).toBeGreaterThanOrEqual(0);
          expect(r.index).toBeLessThan(items.length);
          expect(r.field.length).toBeGreaterThan(0);
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("never throws on arbitrary NDJSON text, and counts every non-blank line once", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json()), { maxLength: 30 }), (lines) => {
        const text = lines.join("\n");
        const nonBlank = text.split("\n").filter((l) => l.trim() !== "").length;
        const out = parseEventBatch(text, now);
        expect(out.events.length + out.rejected.length + out.duplicatesInBatch).toBe(nonBlank);
      }),
    );
  });

  it("rejects properties past the depth or size limit and NUL in ids; strips NUL from property text", () => {
    const deep = JSON.parse(`${'{"a":'.repeat(5_000)}{}${"}".repeat(5_000)}`);
    const e = (id: string, customer_id: string, properties: unknown) => ({
      id,
      customer_id,
      type: "feature_used",
      timestamp: "2026-03-01T00:00:00Z",
      properties,
    });
    const out = parseEventBatch(
      [
        e("deep", "c", deep),
        e("big", "c", { feature: "x", blob: "é".repeat(4_100) }), // 8,200 bytes of UTF-8
        e("a\u0000", "c", { feature: "x" }),
        e("ok", "c\u0000", { feature: "x" }),
        e("nul", "c", { feature: "rep\u0000orts", "k\u0000": ["v\u0000"] }),
      ],
      now,
    );
    expect(out.rejected.map((r) => [r.index, r.field])).toEqual([
      [0, "properties"],
      [1, "properties"],
      [2, "id"],
      [3, "customer_id"],
    ]);
    expect(out.rejected[0]!.reason).toMatch(/deeper than 8 levels/);
    expect(out.rejected[1]!.reason).toMatch(/limit is 8 KiB/);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]!.properties).toMatchObject({ feature: "reports", k: ["v"] });
  });
});
