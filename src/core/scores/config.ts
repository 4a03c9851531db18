import { z } from "zod";
import { SCORE_KINDS } from "./kinds.ts";

const pts = z.number().min(0).max(100);
const share = z.number().min(0).max(1);
const days = z.number().int().min(1).max(366);

/** Every weight, threshold, window and band of the full score set (docs/scores.md says why). */
export const scoresConfigSchema = z.strictObject({
  churnRisk: z.strictObject({
    sessionDrop: z.strictObject({
      severe: share,
      severePoints: pts,
      moderate: share,
      moderatePoints: pts,
      mild: share,
      mildPoints: pts,
    }),
    usageDrop: z.strictObject({ severe: share, severePoints: pts, moderate: share, moderatePoints: pts }),
    apiDropWoW: z.strictObject({ share, points: pts, minPriorCalls: z.number().min(0) }),
    breadthNarrowed: z.strictObject({ share, points: pts }),
    negativeTickets: z.strictObject({ min: z.number().int().min(1), points: pts, risingPoints: pts }),
    churnIntent: pts,
    paymentFailed: pts,
    cancelPageVisit: pts,
    inactiveDays: z.strictObject({ long: days, longPoints: pts, short: days, shortPoints: pts }),
    lowActivity: z.strictObject({
      veryLowDays: z.number().int().min(0).max(30),
      veryLowPoints: pts,
      lowDays: z.number().int().min(0).max(30),
      lowPoints: pts,
    }),
    downgrade: pts,
    detractor: pts,
    pausedOrPastDue: pts,
    tiers: z.strictObject({ medium: pts, high: pts, critical: pts }),
  }),
  engagement: z.strictObject({
    activeDaysFull: days,
    breadthFull: z.number().int().min(1),
    sessionsPerActiveDayFull: z.number().min(1),
    weights: z.strictObject({ frequency: pts, breadth: pts, intensity: pts }),
  }),
  health: z.strictObject({
    weights: z.strictObject({ engagement: share, recency: share, nps: share, support: share, status: share }),
    recencyZeroAfterDays: days,
    bands: z.strictObject({ healthy: pts, stable: pts, watch: pts, atRisk: pts }),
  }),
  lifecycle: z.strictObject({
    onboardingDays: days,
    churnAfterInactiveDays: days,
    atRiskBelowHealth: pts,
    advocateMinHealth: pts,
    advocateMinNps: z.number().min(-100).max(100),
  }),
  nps: z.strictObject({
    promoterFrom: z.number().min(-100).max(100),
    detractorBelow: z.number().min(-100).max(100),
  }),
  upgradeReadiness: z.strictObject({
    minActiveDays: z.number().int().min(0),
    minSignals: z.number().int().min(1).max(5),
    weights: z.strictObject({
      integrations: pts,
      billingInterest: pts,
      settings: pts,
      breadth: pts,
      limits: pts,
    }),
    bands: z.strictObject({ pitch: pts, talkTo: pts }),
    fastRiserGrowth: z.number().min(0),
  }),
  annualReadiness: z.strictObject({
    minTenureMonths: z.number().min(0),
    bands: z.strictObject({ ready: pts, maybe: pts }),
  }),
  usageLimits: z.strictObject({ near: share, projectionDays: days }),
  usageTrend: z.strictObject({ flatWithin: share }),
  /**
   * The headline risk: the score the list sorts by, Executive counts and the brief opens with.
   * Churn risk by default; an org may choose seed 004's early warning instead.
   */
  headline: z.enum(["churn_risk", "early_warning"]),
  /** What counts as a score change worth recording (src/core/scores/changes.ts). */
  changes: z.strictObject({
    /** Per kind, scores whose crossing (either way) is recorded even without a level change. */
    thresholds: z.partialRecord(
      z.enum(SCORE_KINDS),
      z
        .array(z.number().min(-100).max(100))
        .max(10)
        .refine((t) => new Set(t).size === t.length, "thresholds must be distinct"),
    ),
  }),
});
export type ScoresConfig = z.infer<typeof scoresConfigSchema>;

export const DEFAULT_SCORES: ScoresConfig = {
  churnRisk: {
    sessionDrop: {
      severe: 0.6,
      severePoints: 15,
      moderate: 0.4,
      moderatePoints: 10,
      mild: 0.2,
      mildPoints: 4,
    },
    usageDrop: { severe: 0.6, severePoints: 25, moderate: 0.35, moderatePoints: 14 },
    apiDropWoW: { share: 0.5, points: 15, minPriorCalls: 20 },
    breadthNarrowed: { share: 0.4, points: 10 },
    negativeTickets: { min: 2, points: 6, risingPoints: 12 },
    churnIntent: 22,
    paymentFailed: 12,
    cancelPageVisit: 15,
    inactiveDays: { long: 14, longPoints: 25, short: 7, shortPoints: 12 },
    lowActivity: { veryLowDays: 4, veryLowPoints: 15, lowDays: 10, lowPoints: 7 },
    downgrade: 10,
    detractor: 6,
    pausedOrPastDue: 10,
    tiers: { medium: 25, high: 50, critical: 75 },
  },
  engagement: {
    activeDaysFull: 20,
    breadthFull: 6,
    sessionsPerActiveDayFull: 4,
    weights: { frequency: 50, breadth: 30, intensity: 20 },
  },
  health: {
    weights: { engagement: 0.35, recency: 0.2, nps: 0.15, support: 0.15, status: 0.15 },
    recencyZeroAfterDays: 30,
    bands: { healthy: 80, stable: 60, watch: 40, atRisk: 20 },
  },
  lifecycle: {
    onboardingDays: 30,
    churnAfterInactiveDays: 45,
    atRiskBelowHealth: 40,
    advocateMinHealth: 80,
    advocateMinNps: 50,
  },
  nps: { promoterFrom: 50, detractorBelow: 0 },
  upgradeReadiness: {
    minActiveDays: 5,
    minSignals: 2,
    weights: { integrations: 20, billingInterest: 25, settings: 10, breadth: 20, limits: 25 },
    bands: { pitch: 60, talkTo: 35 },
    fastRiserGrowth: 0.5,
  },
  annualReadiness: { minTenureMonths: 3, bands: { ready: 65, maybe: 40 } },
  usageLimits: { near: 0.8, projectionDays: 30 },
  usageTrend: { flatWithin: 0.15 },
  headline: "churn_risk",
  // docs/scores.md ("Score changes") gives the reason for each.
  changes: {
    thresholds: {
      early_warning: [60],
      churn_risk: [50, 75],
      health: [40],
      upgrade_readiness: [60],
      conversion_readiness: [60],
      usage_limits: [100],
    },
  },
};
