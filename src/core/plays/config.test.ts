import { describe, expect, it } from "vitest";
import { TACTICS } from "./catalog/index.ts";
import { PLAYS_DEFAULTS, PlaysConfig, resolveTactic } from "./config.ts";

const issues = (v: unknown) => {
  const r = PlaysConfig.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("plays config", () => {
  it("the defaults validate", () => {
    expect(issues(PLAYS_DEFAULTS)).toEqual([]);
  });

  it("refuses unknown tactics, unknown parameters and values outside declared bounds, naming the path", () => {
    const bad = {
      ...PLAYS_DEFAULTS,
      tactics: {
        "no-such-tactic": { enabled: true },
        "trial-conversion": { params: { threshold: 10, colour: 3 } },
      },
      quietHours: { start: "25:00", end: "08:00" },
      defaultTimeZone: "Mars/Olympus",
    };
    expect(issues(bad)).toEqual(
      expect.arrayContaining([
        "tactics.no-such-tactic: unknown tactic no-such-tactic",
        "tactics.trial-conversion.params.threshold: must be between 30 and 95 (Trial-engagement score that marks high intent)",
        "tactics.trial-conversion.params.colour: trial-conversion has no parameter colour",
        "quietHours.start: must be HH:MM (24-hour)",
        "defaultTimeZone: must be an IANA time zone, e.g. Europe/Paris",
      ]),
    );
  });

  it("resolves a tactic: switch, missing surfaces and parameter overrides", () => {
    const t = TACTICS.get("trial-conversion")!;
    expect(resolveTactic(PLAYS_DEFAULTS, t)).toMatchObject({
      enabled: true,
      missing: [],
      params: { threshold: 60 },
    });
    const cfg = {
      ...PLAYS_DEFAULTS,
      tactics: { "trial-conversion": { enabled: false, params: { threshold: 70 } } },
    };
    expect(resolveTactic(cfg, t)).toMatchObject({ enabled: false, params: { threshold: 70 } });
    expect(resolveTactic(PLAYS_DEFAULTS, TACTICS.get("pause-wall")!).missing).toEqual(["wall"]);
  });
});
