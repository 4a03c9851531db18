import type { ScoresConfig } from "./config.ts";
import type { ScoreInput } from "./input.ts";
import { type ScoreResult, strongestFirst, unscored } from "./result.ts";
import { pct, type Signals } from "./signals.ts";

export type ChurnTier = "low" | "medium" | "high" | "critical";

export function churnTier(score: number, c: ScoresConfig["churnRisk"]): ChurnTier {
  return score >= c.tiers.critical
    ? "critical"
    : score >= c.tiers.high
      ? "high"
      : score >= c.tiers.medium
        ? "medium"
        : "low";
}

/**
 * Churn risk (seed 000): a documented weighted composite of session frequency against the
 * customer's own baseline, feature breadth over time, API-call drops, ticket sentiment trend,
 * plus churn-intent tickets, failed payments, cancel-page visits, inactivity and downgrades.
 */
export function churnRisk(
  input: ScoreInput,
  s: Signals,
  c: ScoresConfig["churnRisk"],
  npsDetractorBelow: number,
): ScoreResult {
  if (!s.hasData && input.profile.subscriptionStatus === null)
    return unscored("churn_risk", "No activity, tickets or subscription yet");
  const out: ScoreResult["signals"] = [];
  const add = (name: string, value: number | string | boolean | null, effect: number, text: string) => {
    if (effect !== 0) out.push({ name, value, effect, text });
  };

  if (s.sessionsBaseline14 > 0) {
    const drop = Math.max(0, 1 - s.sessions14 / s.sessionsBaseline14);
    const p = c.sessionDrop;
    const points =
      drop >= p.severe
        ? p.severePoints
        : drop >= p.moderate
          ? p.moderatePoints
          : drop >= p.mild
            ? p.mildPoints
            : 0;
    add(
      "sessions_vs_baseline",
      Number(drop.toFixed(2)),
      points,
      `Sessions down ${pct(drop)} against own 8-week baseline`,
    );
  }
  if (s.featureUsesPrior30 > 0) {
    const drop = Math.max(0, 1 - s.featureUses30 / s.featureUsesPrior30);
    const u = c.usageDrop;
    const points = drop >= u.severe ? u.severePoints : drop >= u.moderate ? u.moderatePoints : 0;
    add(
      "feature_use_drop",
      Number(drop.toFixed(2)),
      points,
      `Feature use down ${pct(drop)} on the month before`,
    );
  }
  if (s.apiPrior7 >= c.apiDropWoW.minPriorCalls) {
    const drop = Math.max(0, 1 - s.api7 / s.apiPrior7);
    if (drop > c.apiDropWoW.share)
      add(
        "api_calls_wow",
        Number(drop.toFixed(2)),
        c.apiDropWoW.points,
        `API calls down ${pct(drop)} week over week`,
      );
  }
  if (s.featuresPrior30 >= 2) {
    const narrowed = Math.max(0, 1 - s.features30 / s.featuresPrior30);
    if (narrowed >= c.breadthNarrowed.share) {
      add(
        "feature_breadth",
        Number(narrowed.toFixed(2)),
        c.breadthNarrowed.points,
        `Uses ${s.features30} features, down from ${s.featuresPrior30} the month before`,
      );
    }
  }
  if (s.negative30 >= c.negativeTickets.min) {
    const shareNow = s.negative30 / Math.max(1, s.tickets30);
    const shareBefore = s.ticketsPrior > 0 ? s.negativePrior / s.ticketsPrior : 0;
    const rising = shareNow - shareBefore >= 0.25;
    add(
      "ticket_sentiment",
      Number(shareNow.toFixed(2)),
      rising ? c.negativeTickets.risingPoints : c.negativeTickets.points,
      rising
        ? `Negative tickets rising: ${s.negative30} of ${s.tickets30} in 30 days, against ${pct(shareBefore)} before`
        : `${s.negative30} negative tickets in 30 days`,
    );
  }
  if (s.churnIntent30 > 0)
    add(
      "churn_intent",
      s.churnIntent30,
      c.churnIntent,
      `${s.churnIntent30} ticket(s) in 30 days say they may leave`,
    );
  if (s.paymentsFailed30 > 0)
    add(
      "payments_failed",
      s.paymentsFailed30,
      c.paymentFailed,
      `${s.paymentsFailed30} failed payment(s) in 30 days`,
    );
  if (s.cancelViews30 > 0)
    add(
      "cancel_page",
      s.cancelViews30,
      c.cancelPageVisit,
      `Visited the cancel page ${s.cancelViews30} time(s) in 30 days`,
    );
  const idle = s.daysSinceActive ?? (s.tenureDays !== null ? Math.min(s.tenureDays, 120) : null);
  if (idle !== null && (s.tenureDays === null || s.tenureDays >= c.inactiveDays.short)) {
    const points =
      idle >= c.inactiveDays.long
        ? c.inactiveDays.longPoints
        : idle >= c.inactiveDays.short
          ? c.inactiveDays.shortPoints
          : 0;
    add(
      "inactive_days",
      idle,
      points,
      s.daysSinceActive === null ? "No activity in the last 120 days" : `No activity for ${idle} days`,
    );
  }
  if (s.tenureDays === null || s.tenureDays >= 30) {
    const low = c.lowActivity;
    const points =
      s.activeDays30 <= low.veryLowDays
        ? low.veryLowPoints
        : s.activeDays30 <= low.lowDays
          ? low.lowPoints
          : 0;
    add("active_days_30", s.activeDays30, points, `Active only ${s.activeDays30} of the last 30 days`);
  }
  if (s.downgrades90 > 0) add("downgrade", s.downgrades90, c.downgrade, "Downgraded in the last 90 days");
  if (s.nps !== null && s.nps < npsDetractorBelow) add("nps", s.nps, c.detractor, `NPS ${s.nps} (detractor)`);
  const status = input.profile.subscriptionStatus;
  if (status === "paused" || status === "past_due")
    add("subscription_status", status, c.pausedOrPastDue, `Subscription ${status.replace("_", " ")}`);

  const score = Math.min(
    100,
    out.reduce((a, x) => a + x.effect, 0),
  );
  if (out.length === 0)
    out.push({
      name: "steady",
      value: null,
      effect: 0,
      text: "Usage, support and billing signals are steady",
    });
  return { kind: "churn_risk", score, level: churnTier(score, c), signals: strongestFirst(out) };
}
