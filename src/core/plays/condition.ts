import type { ScoreKind } from "../scores/kinds.ts";
import type { Stage as LifecycleStage } from "../scores/lifecycle.ts";
import type { SubscriptionStatus } from "../subscriptions/state.ts";

/**
 * Eligibility as data: each condition is a fact of the PlayContext and a test, so the dashboard
 * can show it in words (`describeCondition`) and the tick can evaluate it (`failedConditions`).
 */
export type Condition =
  | { fact: "subscription_status"; in: readonly SubscriptionStatus[] }
  | { fact: "lifecycle_stage"; in: readonly LifecycleStage[] }
  | { fact: "billing_interval"; is: "month" | "year" }
  | { fact: "tenure_days"; min?: number; max?: number }
  | { fact: "score"; kind: ScoreKind; min?: number; max?: number; levels?: readonly string[] }
  | {
      fact:
        | "is_trial"
        | "free_tier"
        | "has_discount"
        | "open_payment_failure"
        | "pending_cancellation"
        | "higher_tier_available"
        | "billing_contact_declared";
      is: boolean;
    }
  | { fact: "arr"; min: number }
  | { fact: "days_since_downgrade"; min: number }
  | { fact: "usage_history_days"; min: number };
