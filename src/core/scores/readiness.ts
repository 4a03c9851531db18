import type { ScoresConfig } from "./config.ts";
import type { ScoreInput } from "./input.ts";
import { type ScoreResult, strongestFirst, unscored } from "./result.ts";
import { clamp, type Signals } from "./signals.ts";

function maxProximity(s: Signals): number {
  let max = 0;
  for (const m of s.meters) if (m.limit !== null && m.limit > 0) max = Math.max(max, m.value / m.limit);
  return max;
}

/**
 * Upgrade readiness (seed 002): integrations adoption, billing/pricing visits against the
 * customer's own baseline, settings activity, feature breadth and plan-limit proximity. Below the
 * coverage floor (too few active days, or too few of those signals present) it is unscored.
 */
export function upgradeReadiness(
  input: ScoreInput,
  s: Signals,
  c: ScoresConfig["upgradeReadiness"],
): ScoreResult {
  const w = c.weights;
  const proximity = maxProximity(s);
  const billingRatio =
    s.billingViewsBaseline14 > 0 ? s.billingViews14 / s.billingViewsBaseline14 : s.billingViews14 > 0 ? 3 : 0;
  const parts = [
    {
      name: "integrations",
      value: s.integrations,
      share: Math.min(1, s.integrations / 3),
      w: w.integrations,
      text: `${s.integrations} integration(s) connected`,
    },
    {
      name: "billing_interest",
      value: s.billingViews14,
      share: Math.min(1, billingRatio / 3),
      w: w.billingInterest,
      text: `${s.billingViews14} billing or pricing page views in 14 days (${billingRatio.toFixed(1)}x own baseline)`,
    },
    {
      name: "settings",
      value: s.settingsViews30,
      share: Math.min(1, s.settingsViews30 / 5),
      w: w.settings,
      text: `${s.settingsViews30} settings page views in 30 days`,
    },
    {
      name: "breadth",
      value: s.features30,
      share: Math.min(1, s.features30 / 6),
      w: w.breadth,
      text: `${s.features30} features used in 30 days`,
    },
    {
      name: "limits",
      value: Number(proximity.toFixed(2)),
      share: proximity >= 0.8 ? 1 : proximity >= 0.6 ? 0.5 : 0,
      w: w.limits,
      text: `Highest plan meter at ${Math.round(proximity * 100)}% of its limit`,
    },
  ];
  const present = parts.filter((p) => p.share > 0).length;
  if (s.activeDays30 < c.minActiveDays || present < c.minSignals) {
    return unscored(
      "upgrade_readiness",
      `Too little data: ${s.activeDays30} active days and ${present} of 5 signals (needs ${c.minActiveDays} and ${c.minSignals})`,
    );
  }
  const total = parts.reduce((a, p) => a + p.w, 0);
  const score = Math.round((parts.reduce((a, p) => a + p.share * p.w, 0) / total) * 100);
  const level = score >= c.bands.pitch ? "pitch" : score >= c.bands.talkTo ? "talk_to" : "leave_alone";
  const growth = s.sessionsPrior30 > 0 ? s.sessions30 / s.sessionsPrior30 - 1 : 0;
  const fastRiser =
    growth >= c.fastRiserGrowth && (s.billingViews14 > s.billingViewsBaseline14 || proximity >= 0.6);
  const noPath =
    input.profile.planRank !== null &&
    input.profile.maxPublicRank !== null &&
    input.profile.planRank >= input.profile.maxPublicRank;
  return {
    kind: "upgrade_readiness",
    score,
    level,
    signals: strongestFirst(
      parts.map((p) => ({
        name: p.name,
        value: p.value,
        effect: Math.round((p.share * p.w * 100) / total),
        text: p.text,
      })),
    ),
    detail: { fast_riser: fastRiser, session_growth: Number(growth.toFixed(2)), no_upgrade_path: noPath },
  };
}

/** Trial engagement: how much of the trial so far the customer used, and how widely. Trials only. */
export function trialEngagement(input: ScoreInput, s: Signals): ScoreResult {
  if (!input.profile.isTrial) return unscored("trial_engagement", "Not on a trial");
  const elapsed = Math.max(1, Math.min(30, s.tenureDays ?? 30));
  const freq = Math.min(1, s.activeDays30 / elapsed);
  const breadth = Math.min(1, s.features30 / 5);
  const integ = Math.min(1, s.integrations / 1);
  const score = Math.round(freq * 50 + breadth * 30 + integ * 20);
  return {
    kind: "trial_engagement",
    score,
    level: score >= 60 ? "strong" : score >= 30 ? "moderate" : "weak",
    signals: strongestFirst([
      {
        name: "trial_active_days",
        value: s.activeDays30,
        effect: Math.round(freq * 50),
        text: `Active ${s.activeDays30} of ${elapsed} trial days`,
      },
      {
        name: "trial_breadth",
        value: s.features30,
        effect: Math.round(breadth * 30),
        text: `Tried ${s.features30} features`,
      },
      {
        name: "trial_integrations",
        value: s.integrations,
        effect: Math.round(integ * 20),
        text: `${s.integrations} integration(s) connected`,
      },
    ]),
  };
}

/** Free-to-paid conversion readiness: trial engagement plus buying signals. Trials only. */
export function conversionReadiness(s: Signals, trial: ScoreResult): ScoreResult {
  if (trial.score === null) return unscored("conversion_readiness", "Not on a trial");
  const buying = Math.min(1, s.billingViews14 / 3);
  const proximity = Math.min(1, maxProximity(s));
  const score = Math.round(trial.score * 0.6 + buying * 25 + proximity * 15);
  return {
    kind: "conversion_readiness",
    score,
    level: score >= 60 ? "ready" : score >= 35 ? "warming" : "cold",
    signals: strongestFirst([
      {
        name: "trial_engagement",
        value: trial.score,
        effect: Math.round(trial.score * 0.6),
        text: `Trial engagement ${trial.score}`,
      },
      {
        name: "pricing_interest",
        value: s.billingViews14,
        effect: Math.round(buying * 25),
        text: `${s.billingViews14} pricing or billing views in 14 days`,
      },
      {
        name: "limits",
        value: Number(proximity.toFixed(2)),
        effect: Math.round(proximity * 15),
        text: `Trial usage at ${Math.round(proximity * 100)}% of plan limits`,
      },
    ]),
  };
}

/** Annual readiness: tenure, depth and consistency of use. Monthly payers on an active plan only. */
export function annualReadiness(
  input: ScoreInput,
  s: Signals,
  c: ScoresConfig["annualReadiness"],
): ScoreResult {
  const p = input.profile;
  if (
    p.billingFrequency !== "monthly" ||
    (p.subscriptionStatus !== "active" && p.subscriptionStatus !== null) ||
    p.isTrial
  ) {
    return unscored("annual_readiness", "Only for monthly payers on an active plan");
  }
  const months = (s.tenureDays ?? 0) / 30.4;
  const tenure =
    months >= 2 * c.minTenureMonths
      ? 1
      : months >= c.minTenureMonths
        ? 0.6
        : months / Math.max(1, c.minTenureMonths) / 2;
  const depth = Math.min(1, s.features30 / 6);
  const consistency = s.activeWeeks8 / 8;
  const score = Math.round(clamp(tenure * 35 + depth * 25 + consistency * 40));
  return {
    kind: "annual_readiness",
    score,
    level: score >= c.bands.ready ? "ready" : score >= c.bands.maybe ? "maybe" : "not_yet",
    signals: strongestFirst([
      {
        name: "tenure_months",
        value: Number(months.toFixed(1)),
        effect: Math.round(tenure * 35),
        text: `Customer for ${months.toFixed(1)} months`,
      },
      {
        name: "depth",
        value: s.features30,
        effect: Math.round(depth * 25),
        text: `${s.features30} features used in 30 days`,
      },
      {
        name: "consistency",
        value: s.activeWeeks8,
        effect: Math.round(consistency * 40),
        text: `Active in ${s.activeWeeks8} of the last 8 weeks`,
      },
    ]),
  };
}
