import type { Condition } from "./condition.ts";
import { daysBetween } from "./time.ts";
import type { PlayContext } from "./types.ts";

export type { Condition } from "./condition.ts";

const FLAG_WORDS: Record<string, [string, string]> = {
  is_trial: ["in a trial", "not in a trial"],
  free_tier: ["on the free tier", "not on the free tier"],
  has_discount: ["has a discount", "has no discount"],
  open_payment_failure: ["has an open payment failure", "no open payment failure"],
  pending_cancellation: ["has a pending cancellation", "no pending cancellation"],
  higher_tier_available: ["a higher tier is available", "no higher tier"],
  billing_contact_declared: ["a billing contact is declared", "no billing contact declared"],
};

const range = (min?: number, max?: number): string =>
  min !== undefined && max !== undefined
    ? `between ${min} and ${max}`
    : min !== undefined
      ? `at least ${min}`
      : `at most ${max}`;

export function describeCondition(c: Condition): string {
  switch (c.fact) {
    case "subscription_status":
      return `subscription ${c.in.join(" or ")}`;
    case "lifecycle_stage":
      return `lifecycle stage ${c.in.join(" or ")}`;
    case "billing_interval":
      return `billed ${c.is === "month" ? "monthly" : "yearly"}`;
    case "tenure_days":
      return `tenure ${range(c.min, c.max)} days`;
    case "score": {
      const parts = [];
      if (c.min !== undefined || c.max !== undefined) parts.push(`${c.kind} ${range(c.min, c.max)}`);
      if (c.levels) parts.push(`${c.kind} level ${c.levels.join(" or ")}`);
      return parts.join(", ");
    }
    case "arr":
      return `ARR at least ${c.min}`;
    case "days_since_downgrade":
      return `no downgrade in the last ${c.min} days`;
    case "usage_history_days":
      return `at least ${c.min} days of usage history`;
    default:
      return FLAG_WORDS[c.fact]![c.is ? 0 : 1];
  }
}

const inRange = (v: number | null, min?: number, max?: number): boolean =>
  v !== null && (min === undefined || v >= min) && (max === undefined || v <= max);

let lastNow = Number.NaN;
let lastToday = "";
/** `now`'s UTC day, remembered for the last clock value (asked once per condition per customer). */
const dayOfNow = (now: Date): string => {
  const t = now.getTime();
  if (t !== lastNow) {
    lastNow = t;
    lastToday = now.toISOString().slice(0, 10);
  }
  return lastToday;
};

export function conditionHolds(c: Condition, ctx: PlayContext, now: Date): boolean {
  const today = dayOfNow(now);
  switch (c.fact) {
    case "subscription_status":
      return ctx.subscriptionStatus !== null && c.in.includes(ctx.subscriptionStatus);
    case "lifecycle_stage":
      return ctx.lifecycleStage !== null && c.in.includes(ctx.lifecycleStage);
    case "billing_interval":
      return ctx.billingInterval === c.is;
    case "tenure_days":
      return inRange(ctx.signupOn ? daysBetween(ctx.signupOn, today) : null, c.min, c.max);
    case "score": {
      const s = ctx.scores[c.kind];
      if (!s) return false;
      if ((c.min !== undefined || c.max !== undefined) && !inRange(s.score, c.min, c.max)) return false;
      return !c.levels || c.levels.includes(s.level);
    }
    case "arr":
      return ctx.arr >= c.min;
    case "days_since_downgrade":
      return ctx.lastDowngradeOn === null || daysBetween(ctx.lastDowngradeOn, today) >= c.min;
    case "usage_history_days":
      return ctx.usageHistoryDays >= c.min;
    case "is_trial":
      return ctx.isTrial === c.is;
    case "free_tier":
      return ctx.freeTier === c.is;
    case "has_discount":
      return ctx.hasDiscount === c.is;
    case "open_payment_failure":
      return ctx.openPaymentFailure === c.is;
    case "pending_cancellation":
      return ctx.pendingCancellation === c.is;
    case "higher_tier_available":
      return ctx.higherTierAvailable === c.is;
    case "billing_contact_declared":
      return ctx.billingContactDeclared === c.is;
  }
}

/** The conditions that do not hold (empty: eligible). */
export function failedConditions(conds: readonly Condition[], ctx: PlayContext, now: Date): Condition[] {
  return conds.filter((c) => !conditionHolds(c, ctx, now));
}

/** Shorthands the catalog uses. */
export const GOOD_STANDING: readonly Condition[] = [
  { fact: "subscription_status", in: ["active"] },
  { fact: "open_payment_failure", is: false },
  { fact: "pending_cancellation", is: false },
];
