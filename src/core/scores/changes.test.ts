import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parseConfig } from "../config.ts";
import { scoreChange, thresholdCrossed } from "./changes.ts";

const T = DEFAULT_CONFIG.scores.changes.thresholds;
const risk = (score: number | null, level: string) => ({ score, level });

describe("thresholdCrossed", () => {
  it("going up: the highest threshold reached; going down: the lowest one left", () => {
    expect(thresholdCrossed([50, 75], 40, 60)).toBe(50);
    expect(thresholdCrossed([50, 75], 40, 80)).toBe(75);
    expect(thresholdCrossed([50, 75], 80, 40)).toBe(50);
    expect(thresholdCrossed([50, 75], 80, 60)).toBe(75);
  });

  it("reaching a threshold exactly crosses it; leaving it by one point crosses back", () => {
    expect(thresholdCrossed([75], 74, 75)).toBe(75);
    expect(thresholdCrossed([75], 75, 74)).toBe(75);
    expect(thresholdCrossed([75], 75, 100)).toBeNull();
    expect(thresholdCrossed([75], 76, 75)).toBeNull();
  });

  it("no move, no thresholds, or an unscored new value crosses nothing", () => {
    expect(thresholdCrossed([50], 60, 60)).toBeNull();
    expect(thresholdCrossed([], 10, 90)).toBeNull();
    expect(thresholdCrossed(undefined, 10, 90)).toBeNull();
    expect(thresholdCrossed([50], 60, null)).toBeNull();
  });

  it("a first score (or one after unscored) comes from below every threshold", () => {
    expect(thresholdCrossed([50, 75], null, 80)).toBe(75);
    expect(thresholdCrossed([50, 75], null, 20)).toBeNull();
  });

  it("property: a crossing lies between the old and the new score", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (ts, a, b) => {
          const t = thresholdCrossed(ts, a, b);
          if (t === null) return ts.every((x) => a >= x === b >= x);
          return ts.includes(t) && Math.min(a, b) < t && t <= Math.max(a, b);
        },
      ),
    );
  });
});

describe("scoreChange", () => {
  it("a first score is a change, with the threshold it starts above", () => {
    expect(scoreChange("c1", "churn_risk", undefined, risk(80, "critical"), T)).toEqual({
      customerId: "c1",
      kind: "churn_risk",
      oldScore: null,
      newScore: 80,
      oldLevel: null,
      newLevel: "critical",
      crossed: "churn_risk>=75",
    });
    expect(scoreChange("c1", "churn_risk", undefined, risk(10, "low"), T)).toMatchObject({
      oldLevel: null,
      crossed: null,
    });
  });

  it("a new level is a change; the same level without a crossing is not", () => {
    expect(scoreChange("c", "churn_risk", risk(20, "low"), risk(30, "medium"), T)).toMatchObject({
      oldLevel: "low",
      newLevel: "medium",
      crossed: null,
    });
    expect(scoreChange("c", "churn_risk", risk(30, "medium"), risk(45, "medium"), T)).toBeNull();
    expect(scoreChange("c", "lifecycle_stage", risk(70, "active"), risk(55, "active"), T)).toBeNull();
  });

  it("a configured threshold crossed inside a level is a change, either way", () => {
    const t = parseConfig({ scores: { changes: { thresholds: { churn_risk: [90] } } } }).scores.changes
      .thresholds;
    expect(scoreChange("c", "churn_risk", risk(85, "critical"), risk(92, "critical"), t)).toMatchObject({
      crossed: "churn_risk>=90",
      oldScore: 85,
      newScore: 92,
    });
    expect(scoreChange("c", "churn_risk", risk(92, "critical"), risk(85, "critical"), t)).toMatchObject({
      crossed: "churn_risk>=90",
    });
    // The defaults of other kinds stay when one kind's list is set.
    expect(t.health).toEqual([40]);
  });

  it("a level change across a threshold names it", () => {
    expect(scoreChange("c", "health", risk(45, "watch"), risk(35, "at_risk"), T)?.crossed).toBe("health>=40");
    expect(scoreChange("c", "early_warning", risk(40, "Medium"), risk(62, "High"), T)?.crossed).toBe(
      "early_warning>=60",
    );
  });

  it("becoming unscored, or scored again, is a level change", () => {
    expect(scoreChange("c", "upgrade_readiness", risk(70, "pitch"), risk(null, "unscored"), T)).toMatchObject(
      {
        oldScore: 70,
        newScore: null,
        crossed: null,
      },
    );
    expect(scoreChange("c", "upgrade_readiness", risk(null, "unscored"), risk(65, "pitch"), T)?.crossed).toBe(
      "upgrade_readiness>=60",
    );
    expect(scoreChange("c", "nps", risk(null, "unscored"), risk(null, "unscored"), T)).toBeNull();
  });

  it("a config with a bad threshold is refused with its path", () => {
    expect(() =>
      parseConfig({ scores: { changes: { thresholds: { churn_risk: [500] } } } }, "x.json"),
    ).toThrow(/Invalid configuration/);
    expect(() => parseConfig({ scores: { changes: { thresholds: { churn_rsk: [50] } } } }, "x.json")).toThrow(
      /Invalid configuration/,
    );
  });
});
