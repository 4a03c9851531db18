import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parseConfig } from "../config.ts";
import { scoreEarlyWarning } from "./score.ts";
import type { EarlyWarningSignals } from "./signals.ts";

const cfg = DEFAULT_CONFIG.earlyWarning;
const none: EarlyWarningSignals = {
  usageLast: 0,
  usagePrior: 0,
  tickets: 0,
  errors: 0,
  churnIntent: 0,
  satisfaction: null,
  escalation: false,
  downgrade: false,
  isTrial: false,
};

describe("scoreEarlyWarning (seed 004 worked examples)", () => {
  it("example 1: drop 60%, 6 tickets, churn intent -> 80 High", () => {
    const r = scoreEarlyWarning({ ...none, usageLast: 40, usagePrior: 100, tickets: 6, churnIntent: 1 }, cfg);
    expect(r.score).toBe(80);
    expect(r.level).toBe("High");
    expect(r.topReasons).toEqual([
      "Usage dropped 60% (30d vs prior)",
      "High support load (6 tickets in 30d)",
      "Customer language suggests cancellation risk",
    ]);
    expect(r.actions).toEqual([
      "Schedule a check-in to reset goals",
      "Recommend 1-2 key features to activate this week",
      "Confirm resolution plan and close the loop",
    ]);
  });
  it("example 2: drop 40%, 3 errors, trial -> 44 Medium", () => {
    const r = scoreEarlyWarning({ ...none, usageLast: 60, usagePrior: 100, errors: 3, isTrial: true }, cfg);
    expect([r.score, r.level]).toEqual([44, "Medium"]);
  });
  it("example 3: 3 tickets -> 10 Low", () => {
    const r = scoreEarlyWarning({ ...none, tickets: 3 }, cfg);
    expect([r.score, r.level]).toEqual([10, "Low"]);
  });
  it("no signal -> 0, Low, default action", () => {
    const r = scoreEarlyWarning(none, cfg);
    expect(r).toEqual({ score: 0, level: "Low", reasons: [], topReasons: [], actions: [cfg.defaultAction] });
  });
  it("thresholds are inclusive at each tier boundary", () => {
    const pts = (s: Partial<EarlyWarningSignals>) => scoreEarlyWarning({ ...none, ...s }, cfg).score;
    expect([80, 60, 40, 20].map((l) => pts({ usageLast: l, usagePrior: 100 }))).toEqual([12, 28, 40, 40]);
    expect([81, 61, 41].map((l) => pts({ usageLast: l, usagePrior: 100 }))).toEqual([0, 12, 28]);
    expect([2, 3, 5, 6].map((t) => pts({ tickets: t }))).toEqual([0, 10, 10, 18]);
    expect([2, 3, 9, 10].map((e) => pts({ errors: e }))).toEqual([0, 8, 8, 15]);
    expect([1, 2, 2.5, 3, 3.5, 5].map((s) => pts({ satisfaction: s }))).toEqual([12, 12, 0, 6, 0, 0]);
    expect(pts({ satisfaction: Number.NaN })).toBe(0);
    expect(pts({ escalation: true, downgrade: true, isTrial: true })).toBe(30);
  });
  it("usage growth never scores and prior 0 means no drop", () => {
    expect(scoreEarlyWarning({ ...none, usageLast: 200, usagePrior: 100 }, cfg).score).toBe(0);
    expect(scoreEarlyWarning({ ...none, usageLast: 0, usagePrior: 0 }, cfg).score).toBe(0);
  });
  it("caps at 100 and keeps every fired reason for audit", () => {
    const r = scoreEarlyWarning(
      {
        usageLast: 0,
        usagePrior: 10,
        tickets: 9,
        errors: 20,
        churnIntent: 2,
        satisfaction: 1,
        escalation: true,
        downgrade: true,
        isTrial: true,
      },
      cfg,
    );
    expect(r.score).toBe(100);
    expect(r.reasons).toHaveLength(8);
    expect(r.topReasons).toHaveLength(3);
  });
  it("the partial config switches satisfaction and escalation off", () => {
    const c = parseConfig({
      earlyWarning: { rules: { satisfaction: { enabled: false }, escalation: { enabled: false } } },
    }).earlyWarning;
    expect(scoreEarlyWarning({ ...none, satisfaction: 1, escalation: true }, c).score).toBe(0);
    expect(c.rules.usageDrop.tiers).toHaveLength(3);
  });
  it("a config typo or bad value is refused with its path", () => {
    expect(() =>
      parseConfig({ earlyWarning: { rules: { satisfction: { enabled: false } } } }, "x.json"),
    ).toThrow(/Invalid configuration in x.json/);
    try {
      parseConfig({ earlyWarning: { levels: { high: 10, medium: 30 } } }, "x.json");
    } catch (e) {
      expect((e as { details: string[] }).details).toEqual([
        "x.json: earlyWarning.levels: levels.high must be above levels.medium",
      ]);
    }
  });
  it("property: score is in [0, cap], level agrees with thresholds, reasons sum >= score", () => {
    const sig = fc.record({
      usageLast: fc.nat(1000),
      usagePrior: fc.nat(1000),
      tickets: fc.nat(20),
      errors: fc.nat(50),
      churnIntent: fc.nat(3),
      satisfaction: fc.option(fc.double({ min: 0, max: 6, noNaN: true })),
      escalation: fc.boolean(),
      downgrade: fc.boolean(),
      isTrial: fc.boolean(),
    });
    fc.assert(
      fc.property(sig, (s) => {
        const r = scoreEarlyWarning(s, cfg);
        const sum = r.reasons.reduce((a, x) => a + x.points, 0);
        const level = r.score >= 60 ? "High" : r.score >= 30 ? "Medium" : "Low";
        return r.score >= 0 && r.score <= 100 && r.score === Math.min(sum, 100) && r.level === level;
      }),
    );
  });
});
