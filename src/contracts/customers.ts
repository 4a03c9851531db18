import { z } from "zod";
import { RiskLevel } from "./common.ts";
import { LifecycleTransition, ScoreView } from "./scores.ts";

export const CUSTOMER_SORTS = [
  "risk_score",
  "-risk_score",
  "arr",
  "-arr",
  "customer_id",
  "-customer_id",
  "account_name",
  "-account_name",
  "plan_tier",
  "-plan_tier",
] as const;

/** GET /v1/customers query. Booleans arrive as "true"/"false". */
export const CustomerListQuery = z.object({
  plan_tier: z.string().min(1).max(100).optional(),
  risk_level: RiskLevel.optional(),
  min_arr: z.coerce.number().min(0).optional(),
  churned: z.enum(["true", "false"]).optional(),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("text search in customer id, account id and account name"),
  churn_risk_tier: z.enum(["low", "medium", "high", "critical"]).optional(),
  health_band: z.enum(["healthy", "stable", "watch", "at_risk", "critical"]).optional(),
  lifecycle_stage: z.enum(["onboarding", "active", "at_risk", "churned", "advocate"]).optional(),
  upgrade_readiness: z.enum(["pitch", "talk_to", "leave_alone", "unscored"]).optional(),
  usage_limits: z.enum(["ok", "near_limit", "over_limit"]).optional(),
  usage_trend: z.enum(["growing", "flat", "declining"]).optional(),
  sort: z.enum(CUSTOMER_SORTS).default("-risk_score").describe("ties break by ARR, then customer id"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional().describe("next_cursor of the previous page"),
  format: z.enum(["json", "csv"]).default("json").describe("csv streams the whole filtered list"),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerListItem = z.object({
  customer_id: z.string(),
  account_id: z.string(),
  account_name: z.string().nullable(),
  plan_tier: z.string().nullable(),
  arr: z.number(),
  churned: z.boolean(),
  risk_score: z.number().nullable(),
  risk_level: RiskLevel.nullable(),
  top_reasons: z.array(z.string()),
});
export type CustomerListItem = z.infer<typeof CustomerListItem>;

export const CustomerList = z.object({
  items: z.array(CustomerListItem),
  next_cursor: z.string().nullable(),
});

export const ChecklistStep = z.object({
  id: z.string().describe("stable per customer, e.g. usage-checkin"),
  title: z.string(),
  due: z.string().describe("YYYY-MM-DD"),
  done: z.boolean(),
  done_by: z.string().nullable(),
  done_at: z.string().nullable(),
});

export const OUTCOMES = [
  "contacted",
  "meeting_scheduled",
  "issue_resolved",
  "renewed",
  "downgraded",
  "cancelled",
  "no_response",
] as const;

export const Outcome = z.object({
  id: z.number().int(),
  outcome: z.enum(OUTCOMES),
  notes: z.string(),
  author: z.string(),
  created_at: z.string(),
});

/** POST /v1/customers/:id/outcomes */
export const NewOutcome = z.object({
  outcome: z.enum(OUTCOMES),
  notes: z.string().max(5000).default(""),
});

/** PUT /v1/customers/:id/checklist/:step */
export const ChecklistUpdate = z.object({ done: z.boolean() });

/** GET /v1/customers/:id: the CSM brief. */
export const CustomerBrief = z.object({
  customer: CustomerListItem.extend({
    industry: z.string().nullable(),
    country: z.string().nullable(),
    signup_date: z.string().nullable(),
    seats: z.number().nullable(),
    is_trial: z.boolean(),
  }),
  score: z
    .object({
      as_of: z.string(),
      computed_at: z.string(),
      reasons: z.array(
        z.object({ rule: z.string(), kind: z.string(), points: z.number(), text: z.string() }),
      ),
      top_reasons: z.array(z.string()),
      actions: z.array(z.string()),
      signals: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  checklist: z.array(ChecklistStep),
  drafts: z.object({
    email: z.object({ subject: z.string(), body: z.string() }),
    slack: z.string(),
  }),
  outcomes: z.array(Outcome),
  scores: z
    .record(z.string(), ScoreView)
    .describe(
      "every score kind by name: churn_risk, health, engagement, lifecycle_stage, nps, upgrade_readiness, ...",
    ),
  lifecycle_history: z.array(LifecycleTransition).describe("stage transitions, newest first"),
  tickets: z
    .array(
      z.object({
        id: z.string(),
        submitted_at: z.string(),
        subject: z.string().nullable(),
        summary: z.string().nullable(),
        category: z.string().nullable(),
        sentiment: z.string().nullable(),
        churn_intent: z.boolean().nullable(),
      }),
    )
    .describe(
      "the account's recent tickets with their analysis (the evidence behind support and intent reasons)",
    ),
});
