import { describe, expect, it } from "vitest";
import { TACTICS } from "./catalog/index.ts";
import { customer } from "./fixtures.ts";
import { reaches } from "./tick.ts";
import { firedTriggers } from "./triggers.ts";
import type { Schedule, Tactic } from "./types.ts";

const base = TACTICS.get("staged-annual-offers")!;
const withSchedule = (schedule: Schedule): Tactic => ({ ...base, trigger: { type: "schedule", schedule } });
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const fire = (t: Tactic, ctx = customer({ signupOn: "2026-01-10" }), now = at("2026-04-10"), params = {}) =>
  firedTriggers(t, params, ctx, [], new Date(now.getTime() - 86_400_000), now).map((f) => f.key);

describe("triggers", () => {
  it("schedules: tenure months, month after signup, trial day, days before renewal, every N days", () => {
    expect(fire(withSchedule({ kind: "tenure_months", months: [3, 12] }))).toEqual(["month-3"]);
    expect(
      fire(withSchedule({ kind: "tenure_months", months: [3, 12] }), undefined, at("2026-04-09")),
    ).toEqual([]);
    expect(fire(withSchedule({ kind: "month_after_signup", month: 3 }))).toEqual(["month-3"]);
    const trial = customer({ signupOn: "2026-04-01", isTrial: true });
    expect(fire(withSchedule({ kind: "trial_day", day: 9 }), trial)).toEqual(["trial-day-9"]);
    const renewing = customer({ renewalOn: "2026-04-24" });
    expect(fire(withSchedule({ kind: "days_before_renewal", days: 14 }), renewing)).toEqual([
      "renewal-2026-04-24",
    ]);
    expect(fire(withSchedule({ kind: "every_days", days: 7 }))).toEqual(["every-7-2936"]);
  });

  it("parameter overrides move milestones and thresholds", () => {
    expect(fire(base, undefined, at("2026-03-10"), { firstMonth: 2, secondMonth: 12 })).toEqual(["month-2"]);
    const t = TACTICS.get("trial-conversion")!;
    const ctx = customer({ isTrial: true, trialEnd: "2026-05-01" });
    const change = {
      customerId: "c1",
      kind: "trial_engagement" as const,
      oldScore: 50,
      newScore: 55,
      oldLevel: "moderate",
      newLevel: "moderate",
      crossed: null,
    };
    const now = at("2026-04-10");
    expect(firedTriggers(t, { threshold: 60 }, ctx, [change], new Date(0), now)).toEqual([]);
    expect(firedTriggers(t, { threshold: 55 }, ctx, [change], new Date(0), now)).toEqual([
      {
        tactic: "trial-conversion",
        key: "trial:2026-05-01",
        sessionId: null,
        cause: "trial_engagement moderate -> moderate",
      },
    ]);
  });

  it("events after the last tick fire once per key; level triggers fire on entering the band", () => {
    const t = TACTICS.get("usage-limit-upgrade-offers")!;
    const ctx = customer({
      events: [
        { type: "limit_approaching", at: "2026-04-09T10:00:00Z", key: "seats:2026-04" },
        { type: "limit_approaching", at: "2026-04-10T10:00:00Z", key: "seats:2026-04" },
        { type: "limit_approaching", at: "2026-04-10T11:00:00Z", key: "api:2026-04" },
      ],
    });
    expect(
      firedTriggers(t, {}, ctx, [], new Date("2026-04-10T00:00:00Z"), at("2026-04-10")).map((f) => f.key),
    ).toEqual(["seats:2026-04", "api:2026-04"]);
    const high = TACTICS.get("churn-risk-high-intervention")!;
    const same = {
      customerId: "c1",
      kind: "churn_risk" as const,
      oldScore: 55,
      newScore: 60,
      oldLevel: "high",
      newLevel: "high",
      crossed: null,
    };
    expect(firedTriggers(high, {}, customer(), [same], new Date(0), at("2026-04-10"))).toEqual([]);
    expect(
      firedTriggers(high, {}, customer(), [{ ...same, oldLevel: "medium" }], new Date(0), at("2026-04-10")),
    ).toHaveLength(1);
  });

  it("keyed events reach only the run with that key or id", () => {
    const f = { key: "seats:2026-04", runId: "usage-limit-upgrade-offers@seats:2026-04" };
    expect(reaches({}, f)).toBe(true);
    expect(reaches({ key: "seats:2026-04" }, f)).toBe(true);
    expect(reaches({ key: f.runId }, f)).toBe(true);
    expect(reaches({ key: "api:2026-04" }, f)).toBe(false);
  });
});
