import { REASON_KINDS } from "../early-warning/config.ts";

/**
 * The customer list's filter vocabulary (GET /v1/customers and its facets): the books, the
 * statuses, the headline score's levels and drivers, and every value in words.
 */

export type HeadlineKind = "churn_risk" | "early_warning";

/** live: not churned (a customer not yet given a status counts as live); churned; all. */
export const BOOKS = ["live", "churned", "all"] as const;
export type Book = (typeof BOOKS)[number];

export const CUSTOMER_STATUSES = ["active", "trialing", "paused", "past_due", "churned"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The headline score's levels, highest risk first. */
export const HEADLINE_LEVELS: Record<HeadlineKind, readonly string[]> = {
  churn_risk: ["critical", "high", "medium", "low"],
  early_warning: ["High", "Medium", "Low"],
};

/**
 * The reason kinds a headline score counts as drivers (the keys of the Drivers report): early
 * warning's rule kinds; churn risk's signals (its placeholders "steady" and "coverage" are not).
 */
export const HEADLINE_DRIVERS: Record<HeadlineKind, readonly string[]> = {
  early_warning: REASON_KINDS,
  churn_risk: [
    "sessions_vs_baseline",
    "feature_use_drop",
    "api_calls_wow",
    "feature_breadth",
    "ticket_sentiment",
    "churn_intent",
    "payments_failed",
    "cancel_page",
    "inactive_days",
    "active_days_30",
    "downgrade",
    "nps",
    "subscription_status",
  ],
};

const WORDS: Record<string, string> = {
  live: "Live book",
  all: "All customers",
  past_due: "Past due",
  at_risk: "At risk",
  talk_to: "Talk to",
  leave_alone: "Leave alone",
  near_limit: "Near limit",
  over_limit: "Over limit",
  ok: "Within limits",
  usage: "Usage drop",
  support: "Support load",
  errors: "Product errors",
  intent: "Churn intent in tickets",
  satisfaction: "Low satisfaction",
  trial: "Trial",
  sessions_vs_baseline: "Sessions below baseline",
  feature_use_drop: "Feature use drop",
  api_calls_wow: "API calls down week over week",
  feature_breadth: "Fewer features used",
  ticket_sentiment: "Negative tickets",
  churn_intent: "Churn intent in tickets",
  payments_failed: "Failed payments",
  cancel_page: "Cancel page visits",
  inactive_days: "Inactive",
  active_days_30: "Few active days",
  nps: "NPS detractor",
  subscription_status: "Subscription paused or past due",
};

/** A filter value in words: "past_due" -> "Past due", "errors" -> "Product errors". */
export function filterLabel(value: string): string {
  const word = WORDS[value];
  if (word) return word;
  const spaced = value.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
