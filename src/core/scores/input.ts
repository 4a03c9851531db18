import type { StatusResult } from "../customers/status.ts";
import type { EarlyWarningSignals } from "../early-warning/signals.ts";
import type { DailyMetric } from "../events/metrics.ts";

/** What the store hands the score functions for one customer (all days 'YYYY-MM-DD'). */
export interface ScoreInput {
  customerId: string;
  profile: {
    signupDate: string | null;
    planTier: string | null;
    /** Rank of the plan in the catalog (1 = entry), null when the plan is not in the catalog. */
    planRank: number | null;
    /** Highest public rank in the catalog (no upgrade path when planRank equals it). */
    maxPublicRank: number | null;
    /** The plan's limits per meter (seats, api_calls, storage_gb, ...). */
    planLimits: Record<string, number>;
    seats: number | null;
    isTrial: boolean;
    trialEnd: string | null;
    subscriptionStatus: "trialing" | "active" | "past_due" | "paused" | "canceled" | null;
    /** Day the subscription ended (canceled or ended), else null. */
    endedOn: string | null;
    billingFrequency: "monthly" | "annual" | null;
    arr: number;
  };
  /** Daily rollups of this customer from asOf - LOOKBACK_DAYS + 1 to asOf inclusive, any order. */
  metrics: readonly DailyMetric[];
  /** Latest NPS answer of each respondent up to asOf (score 0-10). */
  nps: readonly { respondent: string; day: string; score: number }[];
  /** Tickets of the last LOOKBACK_DAYS with their analysis (null when not analysed yet). */
  tickets: readonly {
    day: string;
    sentiment: "negative" | "neutral" | "positive" | null;
    churnIntent: boolean | null;
  }[];
  /**
   * The customer's status as of the day (core/customers/status.ts); the lifecycle stage is
   * churned exactly when it is. Left out, the subscription status stands in for it.
   */
  status?: StatusResult | undefined;
  /** The customer's previous lifecycle stage (for transitions), null on first scoring. */
  previousStage: string | null;
  /**
   * Seed 004's window aggregates for early warning (ticket figures are the account's). Its
   * windows end at the org's data end dates (never after the as-of day), which it carries.
   */
  earlyWarning: EarlyWarningSignals & { usageEnd: string; ticketEnd: string };
}

/** How many days of rollups the scores read (two 8-week baselines plus slack). */
export const LOOKBACK_DAYS = 120;
