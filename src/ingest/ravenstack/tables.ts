import type { ColumnSpec, ValueType } from "../csv/values.ts";

export const RAVENSTACK_TABLES = [
  "accounts",
  "subscriptions",
  "churn_events",
  "support_tickets",
  "feature_usage",
] as const;
export type RavenstackTable = (typeof RAVENSTACK_TABLES)[number];

export const fileNameOf = (t: RavenstackTable): string => `ravenstack_${t}.csv`;

const c = (
  name: string,
  type: ValueType,
  required = true,
  range: { min?: number; max?: number } = {},
): ColumnSpec => ({
  name,
  type,
  required,
  ...range,
});
const nonNeg = { min: 0 };

/** The columns each file must have (others are ignored), with their types. Order is irrelevant. */
export const RAVENSTACK_COLUMNS: Record<RavenstackTable, readonly ColumnSpec[]> = {
  accounts: [
    c("account_id", "id"),
    c("account_name", "text"),
    c("industry", "text", false),
    c("country", "text", false),
    c("signup_date", "day", false),
    c("referral_source", "text", false),
    c("plan_tier", "text", false),
    c("seats", "int", false, nonNeg),
    c("is_trial", "bool"),
    c("churn_flag", "bool"),
  ],
  subscriptions: [
    c("subscription_id", "id"),
    c("account_id", "id"),
    c("start_date", "day"),
    c("end_date", "day", false),
    c("plan_tier", "text"),
    c("seats", "int", true, nonNeg),
    c("mrr_amount", "number", true, nonNeg),
    c("arr_amount", "number", true, nonNeg),
    c("is_trial", "bool"),
    c("upgrade_flag", "bool"),
    c("downgrade_flag", "bool"),
    c("churn_flag", "bool"),
    c("billing_frequency", "text", false),
    c("auto_renew_flag", "bool"),
  ],
  churn_events: [
    c("churn_event_id", "id"),
    c("account_id", "id"),
    c("churn_date", "day"),
    c("reason_code", "text", false),
    c("refund_amount_usd", "number", false, nonNeg),
    c("preceding_upgrade_flag", "bool"),
    c("preceding_downgrade_flag", "bool"),
    c("is_reactivation", "bool"),
    c("feedback_text", "text", false),
  ],
  support_tickets: [
    c("ticket_id", "id"),
    c("account_id", "id"),
    c("submitted_at", "datetime"),
    c("closed_at", "datetime", false),
    c("resolution_time_hours", "number", false, nonNeg),
    c("priority", "text", false),
    c("first_response_time_minutes", "number", false, nonNeg),
    c("satisfaction_score", "number", false, { min: 1, max: 5 }),
    c("escalation_flag", "bool"),
  ],
  feature_usage: [
    c("usage_id", "id"),
    c("subscription_id", "id"),
    c("usage_date", "day"),
    c("feature_name", "text"),
    c("usage_count", "int", true, nonNeg),
    c("usage_duration_secs", "number", true, nonNeg),
    c("error_count", "int", true, nonNeg),
    c("is_beta_feature", "bool", false),
  ],
};
