import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parseConfig } from "../config.ts";
import type { DailyMetric, Metric } from "../events/metrics.ts";
import { addDays } from "../util/dates.ts";
import { churnTier } from "./churn-risk.ts";
import { DEFAULT_SCORES } from "./config.ts";
import { healthBand } from "./health.ts";
import { computeScores } from "./index.ts";
import type { ScoreInput } from "./input.ts";
import { SCORE_KINDS } from "./kinds.ts";
import { lifecycle } from "./lifecycle.ts";
import { npsLevel, orgNps } from "./nps.ts";
import { computeSignals } from "./signals.ts";

const AS_OF = "2026-06-30";
const cfg = DEFAULT_SCORES;
const QUIET_EW = {
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

function customer(over: Partial<ScoreInput["profile"]> = {}, rest: Partial<ScoreInput> = {}): ScoreInput {
  return {
    customerId: "c",
    profile: {
      signupDate: "2025-01-01",
      planTier: "Pro",
      planRank: 2,
      maxPublicRank: 3,
      planLimits: { api_calls: 10_000 },
      seats: 10,
      isTrial: false,
      trialEnd: null,
      subscriptionStatus: "active",
      endedOn: null,
      billingFrequency: "monthly",
      arr: 12_000,
      ...over,
    },
    metrics: [],
    nps: [],
    tickets: [],
    previousStage: null,
    earlyWarning: { ...QUIET_EW, usageEnd: AS_OF, ticketEnd: AS_OF },
    ...rest,
  };
}

/** Daily rollups for days [from, to] back from AS_OF (0 = AS_OF), one cell per metric per day. */
function daily(
  fromBack: number,
  toBack: number,
  cells: Partial<Record<Metric, number>>,
  key = "",
): DailyMetric[] {
  const out: DailyMetric[] = [];
  for (let d = toBack; d <= fromBack; d++) {
    for (const [metric, value] of Object.entries(cells))
      out.push({ day: addDays(AS_OF, -d), metric: metric as Metric, key, value });
  }
  return out;
}
const features = (fromBack: number, toBack: number, names: string[]) =>
  names.flatMap((f) => daily(fromBack, toBack, { feature_uses: 3 }, f));
const steady = () => [
  ...daily(89, 0, { sessions: 4, api_calls: 500 }),
  ...features(89, 0, ["a", "b", "c", "d", "e", "f"]),
];

describe("bands and tiers", () => {
  it("churn risk tiers: low 0-24, medium 25-49, high 50-74, critical 75-100", () => {
    const t = cfg.churnRisk;
    expect([0, 24, 25, 49, 50, 74, 75, 100].map((s) => churnTier(s, t))).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "critical",
      "critical",
    ]);
  });

  it("health bands: healthy 80+, stable 60-79, watch 40-59, at risk 20-39, critical below 20", () => {
    expect([100, 80, 79, 60, 59, 40, 39, 20, 19, 0].map((s) => healthBand(s, cfg.health.bands))).toEqual([
      "healthy",
      "healthy",
      "stable",
      "stable",
      "watch",
      "watch",
      "at_risk",
      "at_risk",
      "critical",
      "critical",
    ]);
  });

  it("NPS levels and org NPS", () => {
    expect([100, 50, 49, 0, -1].map((n) => npsLevel(n, cfg.nps))).toEqual([
      "promoter",
      "promoter",
      "passive",
      "passive",
      "detractor",
    ]);
    expect(orgNps([{ score: 10 }, { score: 9 }, { score: 7 }, { score: 3 }])).toBe(25);
    expect(orgNps([])).toBeNull();
  });
});

describe("computeScores", () => {
  it("a steady, engaged customer is low risk, healthy-ish and active", () => {
    const { results } = computeScores(
      customer({}, { metrics: steady(), nps: [{ respondent: "a", day: "2026-06-01", score: 10 }] }),
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(results.churn_risk.level).toBe("low");
    expect(results.engagement.score).toBeGreaterThanOrEqual(80);
    expect(results.health.level).toBe("healthy");
    expect(results.lifecycle_stage.level).toBe("advocate");
    expect(results.nps).toMatchObject({ score: 100, level: "promoter" });
    expect(results.usage_trend.level).toBe("flat");
  });

  it("a declining customer with a sharp API drop, intent tickets and a failed payment is high or critical risk", () => {
    const metrics = [
      ...daily(89, 14, { sessions: 4 }),
      ...daily(89, 7, { api_calls: 500 }),
      ...daily(6, 0, { api_calls: 50 }),
      ...daily(13, 10, { sessions: 1 }),
      ...features(89, 30, ["a", "b", "c", "d", "e"]),
      ...features(29, 10, ["a"]),
      ...daily(5, 5, { payments_failed: 1 }),
      ...daily(2, 2, { page_views: 1 }, "cancel"),
    ];
    const tickets = [
      { day: addDays(AS_OF, -3), sentiment: "negative" as const, churnIntent: true },
      { day: addDays(AS_OF, -8), sentiment: "negative" as const, churnIntent: false },
    ];
    const { results } = computeScores(customer({}, { metrics, tickets }), AS_OF, DEFAULT_CONFIG);
    expect(["high", "critical"]).toContain(results.churn_risk.level);
    const names = results.churn_risk.signals.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "sessions_vs_baseline",
        "api_calls_wow",
        "feature_breadth",
        "churn_intent",
        "payments_failed",
        "cancel_page",
        "ticket_sentiment",
      ]),
    );
    expect(results.churn_risk.signals[0]!.effect).toBeGreaterThanOrEqual(
      results.churn_risk.signals[1]!.effect,
    );
    expect(results.usage_trend.level).toBe("declining");
    expect(results.lifecycle_stage.level).toBe("at_risk");
  });

  it("is unscored, never zero, without data", () => {
    const { results } = computeScores(
      customer({ subscriptionStatus: null, billingFrequency: null }),
      AS_OF,
      DEFAULT_CONFIG,
    );
    for (const kind of [
      "churn_risk",
      "engagement",
      "health",
      "nps",
      "upgrade_readiness",
      "trial_engagement",
      "conversion_readiness",
      "usage_limits",
      "usage_trend",
    ] as const) {
      expect(results[kind], kind).toMatchObject({ score: null, level: "unscored" });
    }
  });

  it("upgrade readiness: unscored below the coverage floor, then pitch with limits, integrations and pricing interest", () => {
    const thin = computeScores(
      customer({}, { metrics: daily(3, 0, { sessions: 1 }) }),
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(thin.results.upgrade_readiness.level).toBe("unscored");
    const metrics = [
      ...steady(),
      ...daily(60, 60, { integrations_connected: 3 }, "slack"),
      ...daily(10, 0, { page_views: 1 }, "pricing"),
      ...daily(20, 0, { page_views: 1 }, "settings"),
      ...daily(0, 0, { meter_value: 9_000 }, "api_calls"),
      ...daily(14, 14, { meter_value: 6_000 }, "api_calls"),
    ];
    const { results } = computeScores(customer({}, { metrics }), AS_OF, DEFAULT_CONFIG);
    expect(results.upgrade_readiness.level).toBe("pitch");
    expect(results.usage_limits.level).toBe("near_limit");
    const meters = (results.usage_limits.detail as { meters: { projected_overrun: string | null }[] }).meters;
    expect(meters[0]!.projected_overrun).toBe(addDays(AS_OF, 5)); // 1,000 left at ~214 a day
  });

  it("trial and annual readiness apply only to their customers", () => {
    const trial = computeScores(
      customer(
        { isTrial: true, subscriptionStatus: "trialing", signupDate: addDays(AS_OF, -10) },
        { metrics: [...daily(9, 0, { sessions: 2 }), ...features(9, 0, ["a", "b", "c"])] },
      ),
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(trial.results.trial_engagement.level).toBe("strong");
    expect(trial.results.conversion_readiness.score).not.toBeNull();
    expect(trial.results.annual_readiness.level).toBe("unscored");
    const paying = computeScores(customer({}, { metrics: steady() }), AS_OF, DEFAULT_CONFIG);
    expect(paying.results.trial_engagement.level).toBe("unscored");
    expect(paying.results.annual_readiness.level).toBe("ready");
    const annual = computeScores(
      customer({ billingFrequency: "annual" }, { metrics: steady() }),
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(annual.results.annual_readiness.level).toBe("unscored");
  });

  it("a partial config changes a weight", () => {
    const input = customer({}, { metrics: [...steady(), ...daily(5, 5, { payments_failed: 1 })] });
    const base = computeScores(input, AS_OF, DEFAULT_CONFIG).results.churn_risk.score!;
    const tuned = parseConfig({ scores: { churnRisk: { paymentFailed: 40 } } });
    expect(computeScores(input, AS_OF, tuned).results.churn_risk.score).toBe(base + 28);
    let details: readonly string[] = [];
    try {
      parseConfig({ scores: { churnRisk: { paymentFailed: 400 } } });
    } catch (e) {
      details = (e as { details: readonly string[] }).details;
    }
    expect(details.join("\n")).toMatch(/scores\.churnRisk\.paymentFailed/);
  });
});

describe("lifecycle scenarios (the as-of day is the clock)", () => {
  it("onboarding -> active -> at_risk -> churned, with a transition at each change", () => {
    const signup = "2026-01-01";
    const metrics = (until: string, from = signup) => {
      const out: DailyMetric[] = [];
      for (let d = from; d <= until; d = addDays(d, 1)) {
        out.push({ day: d, metric: "sessions", key: "", value: 3 });
        for (const f of ["a", "b", "c", "d"]) out.push({ day: d, metric: "feature_uses", key: f, value: 2 });
      }
      return out;
    };
    let previous: string | null = null;
    const stages: string[] = [];
    const moves: string[] = [];
    const step = (asOf: string, m: DailyMetric[], extra: Partial<ScoreInput["profile"]> = {}) => {
      const r = computeScores(
        customer({ signupDate: signup, ...extra }, { metrics: m, previousStage: previous }),
        asOf,
        DEFAULT_CONFIG,
      );
      stages.push(r.results.lifecycle_stage.level);
      if (r.transition) moves.push(`${r.transition.from}->${r.transition.to}`);
      previous = r.results.lifecycle_stage.level;
    };
    step("2026-01-10", metrics("2026-01-10")); // inside the setup window
    step("2026-02-20", metrics("2026-02-20")); // engaged
    step("2026-03-20", metrics("2026-02-25")); // idle 23 days: health falls
    // Idle beyond the churn window: still a paying customer, so at risk (issue 18: the stage is
    // churned only when the status is), saying for how long.
    step("2026-04-20", metrics("2026-02-25"));
    const idle = computeScores(
      customer({ signupDate: signup }, { metrics: metrics("2026-02-25"), previousStage: "at_risk" }),
      "2026-04-20",
      DEFAULT_CONFIG,
    );
    expect(idle.results.lifecycle_stage.signals[0]?.text).toMatch(/^No activity for \d+ days/);
    // The subscription ended: the status is churned, and so is the stage.
    const gone = customer(
      { signupDate: signup },
      { metrics: metrics("2026-02-25"), previousStage: previous },
    );
    const ended = computeScores(
      {
        ...gone,
        status: { status: "churned", churnDate: "2026-04-30", churnReason: "budget", lostArr: 1200 },
      },
      "2026-05-01",
      DEFAULT_CONFIG,
    );
    stages.push(ended.results.lifecycle_stage.level);
    if (ended.transition) moves.push(`${ended.transition.from}->${ended.transition.to}`);
    expect(stages).toEqual(["onboarding", "active", "at_risk", "at_risk", "churned"]);
    expect(moves).toEqual(["onboarding->active", "active->at_risk", "at_risk->churned"]);
    expect(ended.transition?.reason).toBe("Subscription ended on 2026-04-30");
  });

  it("a promoter at high churn risk is at risk, not an advocate (the stage agrees with the headline)", () => {
    const fan = customer({}, { metrics: steady(), nps: [{ respondent: "x", day: AS_OF, score: 10 }] });
    const s = computeSignals(fan, AS_OF);
    const c = DEFAULT_CONFIG.scores.lifecycle;
    expect(lifecycle(fan, s, 90, "low", c).result.level).toBe("advocate");
    const risky = lifecycle(fan, s, 90, "high", c).result;
    expect(risky.level).toBe("at_risk");
    expect(risky.signals[0]?.text).toBe("Churn risk high");
  });

  it("a canceled subscription is churned at once; active -> advocate with promoter NPS", () => {
    const base = customer({}, { metrics: steady(), previousStage: "active" });
    const canceled = computeScores(
      { ...base, profile: { ...base.profile, subscriptionStatus: "canceled", endedOn: AS_OF } },
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(canceled.transition).toMatchObject({ from: "active", to: "churned" });
    const fan = computeScores(
      { ...base, nps: [{ respondent: "x", day: AS_OF, score: 10 }] },
      AS_OF,
      DEFAULT_CONFIG,
    );
    expect(fan.transition).toMatchObject({ from: "active", to: "advocate" });
  });
});

describe("property: every score stays in range and is never NaN", () => {
  const metric = fc.record({
    day: fc.integer({ min: 0, max: 130 }).map((d) => addDays(AS_OF, -d)),
    metric: fc.constantFrom<Metric>(
      "sessions",
      "feature_uses",
      "api_calls",
      "page_views",
      "errors",
      "meter_value",
      "meter_limit",
      "integrations_connected",
      "payments_failed",
      "downgrades",
      "upgrades",
    ),
    key: fc.constantFrom("", "a", "billing", "cancel", "api_calls"),
    value: fc.double({ min: 0, max: 1e6, noNaN: true }),
  });
  it("holds for arbitrary rollups, tickets and answers", () => {
    fc.assert(
      fc.property(
        fc.array(metric, { maxLength: 60 }),
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 100 }).map((d) => addDays(AS_OF, -d)),
            sentiment: fc.constantFrom("negative" as const, "neutral" as const, "positive" as const, null),
            churnIntent: fc.option(fc.boolean(), { nil: null }),
          }),
          { maxLength: 10 },
        ),
        fc.array(
          fc.record({
            respondent: fc.constantFrom("a", "b"),
            day: fc.constant(AS_OF),
            score: fc.integer({ min: 0, max: 10 }),
          }),
          { maxLength: 3 },
        ),
        fc.constantFrom("trialing", "active", "past_due", "paused", "canceled", null),
        (metrics, tickets, nps, status) => {
          const { results } = computeScores(
            customer(
              { subscriptionStatus: status as never, isTrial: status === "trialing" },
              { metrics, tickets, nps },
            ),
            AS_OF,
            DEFAULT_CONFIG,
          );
          for (const r of Object.values(results)) {
            if (r.score === null) continue;
            expect(Number.isFinite(r.score), r.kind).toBe(true);
            const lo = r.kind === "nps" ? -100 : 0;
            expect(r.score, r.kind).toBeGreaterThanOrEqual(lo);
            expect(r.score, r.kind).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});

describe("computeScores: one shape for every kind", () => {
  it("early warning is a kind among the others, from the page's window aggregates", () => {
    const input = customer(
      {},
      {
        metrics: steady(),
        earlyWarning: {
          ...QUIET_EW,
          usageLast: 40,
          usagePrior: 100,
          tickets: 6,
          churnIntent: 1,
          usageEnd: AS_OF,
          ticketEnd: AS_OF,
        },
      },
    );
    const { results } = computeScores(input, AS_OF, DEFAULT_CONFIG);
    expect(Object.keys(results).sort()).toEqual([...SCORE_KINDS].sort());
    const ew = results.early_warning;
    expect([ew.score, ew.level]).toEqual([80, "High"]); // seed 004's first worked example
    expect(ew.reasons.map((r) => r.kind)).toEqual(["usage", "support", "intent"]);
    expect(ew.actions).toHaveLength(3);
    expect(ew.signals.map((s) => [s.name, s.value, s.effect])).toEqual([
      ["usageDrop", 0.6, 40],
      ["supportLoad", 6, 18],
      ["churnIntent", 1, 22],
    ]);
    expect(ew.detail).toMatchObject({ usage_last: 40, usage_prior: 100, usage_end: AS_OF });
  });

  it("other kinds derive reasons from their signals and propose no actions; unscored results are shared", () => {
    const a = computeScores(customer({}, { metrics: steady() }), AS_OF, DEFAULT_CONFIG).results;
    const b = computeScores(customer({}, { metrics: steady() }), AS_OF, DEFAULT_CONFIG).results;
    const e = a.engagement;
    expect(e.reasons).toEqual(
      e.signals.map((s) => ({ rule: s.name, kind: s.name, points: s.effect, text: s.text })),
    );
    expect(e.topReasons).toEqual(e.signals.slice(0, 3).map((s) => s.text));
    expect(e.actions).toEqual([]);
    expect(a.nps).toMatchObject({ score: null, level: "unscored", topReasons: ["No NPS answers yet"] });
    expect(a.nps).toBe(b.nps);
    expect(Object.isFrozen(a.nps)).toBe(true);
  });
});
