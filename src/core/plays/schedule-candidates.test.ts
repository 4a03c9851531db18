import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog/index.ts";
import { PLAYS_DEFAULTS } from "./config.ts";
import { scheduleCandidates, signupRangeForMonths } from "./schedule-candidates.ts";
import { monthsBetween } from "./time.ts";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("schedule candidates", () => {
  it("a milestone's signup range holds exactly the days firedTriggers counts as that month", () => {
    for (const today of ["2026-03-31", "2026-02-28", "2026-07-15", "2024-02-29"])
      for (const m of [1, 3, 12]) {
        const [from, to] = signupRangeForMonths(today, m)!;
        const t = Date.parse(today);
        for (let d = 0; d < 500; d++) {
          const s = day(t - d * 86_400_000);
          expect(monthsBetween(s, today) === m, `${today} m=${m} ${s}`).toBe(s >= from && s <= to);
        }
      }
  });

  it("lists the catalog's milestone windows, and everyone only when an every-N-days period starts", () => {
    const now = new Date("2026-06-12T15:00:00Z");
    const same = scheduleCandidates(CATALOG, PLAYS_DEFAULTS, new Date("2026-06-12T09:00:00Z"), now);
    expect(same.all).toBe(false);
    expect(same.signupRanges.map((w) => [w.tactic, w.key, w.skip])).toEqual(
      expect.arrayContaining([
        ["staged-annual-offers", "month-3", "key"],
        ["staged-annual-offers", "month-12", "key"],
        ["tenure-loyalty-discounts", "month-12", "any"],
      ]),
    );
    // 2026-06-11 (day 20615) starts a 7-day period (20615 = 7 x 2945).
    const start = scheduleCandidates(
      CATALOG,
      PLAYS_DEFAULTS,
      new Date("2026-06-10T15:00:00Z"),
      new Date("2026-06-11T15:00:00Z"),
    );
    expect(start.all).toBe(true);
    // Switched off, a tactic's schedule asks for nobody.
    const off = { ...PLAYS_DEFAULTS, tactics: { "feature-discovery": { enabled: false, params: {} } } };
    expect(
      scheduleCandidates(CATALOG, off, new Date("2026-06-10T15:00:00Z"), new Date("2026-06-11T15:00:00Z"))
        .all,
    ).toBe(false);
  });
});
