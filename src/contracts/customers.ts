import { z } from "zod";
import { BOOKS, CUSTOMER_STATUSES, HEADLINE_LEVELS } from "../core/customers/list-filters.ts";
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

/** A level of either headline score (the org's config says which one ranks the list). */
export const HeadlineRiskLevel = z.enum([...new Set(Object.values(HEADLINE_LEVELS).flat())] as [
  string,
  ...string[],
]);

/** GET /v1/customers query. Booleans arrive as "true"/"false". */
export const CustomerListQuery = z.object({
  book: z
    .enum(BOOKS)
    .optional()
    .describe(
      "live (default): not churned; churned; all. churned=true|false without book picks churned|live",
    ),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  plan_tier: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("one of the workspace's plan tiers (GET /v1/customers/facets lists them)"),
  risk_level: HeadlineRiskLevel.optional().describe(
    "a level of the org's headline score: churn risk low|medium|high|critical, early warning Low|Medium|High",
  ),
  driver: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("a reason kind of the headline score (a Drivers report key): customers whose score it drives"),
  min_arr: z.coerce
    .number({ error: "min_arr must be a number >= 0" })
    .min(0, { error: "min_arr must be >= 0" })
    .max(1e15, { error: "min_arr must be <= 1e15" })
    .optional(),
  churned: z.enum(["true", "false"]).optional().describe("kept for old links: prefer book"),
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

/** A list row: the headline score's risk, the customer's status and churn date. */
export const CustomerListRow = CustomerListItem.extend({
  risk_level: HeadlineRiskLevel.nullable().describe("the headline score's level"),
  status: z.enum(CUSTOMER_STATUSES).nullable().describe("null before the first refresh (counts as live)"),
  churn_date: z.string().nullable(),
});

export const CustomerTotal = z
  .object({ customers: z.number().int(), arr: z.number() })
  .describe("the whole filtered set, not the page");

export const CustomerList = z.object({
  items: z.array(CustomerListRow),
  next_cursor: z.string().nullable(),
  total: CustomerTotal,
});

/** GET /v1/customers/facets query: the list's filters (sort scopes risk sorts to scored customers). */
export const CustomerFacetsQuery = CustomerListQuery.omit({ limit: true, cursor: true, format: true });
export type CustomerFacetsQuery = z.infer<typeof CustomerFacetsQuery>;

export const FacetOption = z.object({
  value: z.string(),
  label: z.string().describe("the value in words"),
  count: z.number().int(),
});

export const FACET_FIELDS = [
  "book",
  "status",
  "plan_tier",
  "risk_level",
  "churn_risk_tier",
  "health_band",
  "lifecycle_stage",
  "upgrade_readiness",
  "usage_limits",
  "usage_trend",
  "driver",
] as const;

export const CustomerFacets = z.object({
  headline: z.enum(["churn_risk", "early_warning"]).describe("the score kind risk_level and driver refer to"),
  facets: z.object(
    Object.fromEntries(FACET_FIELDS.map((f) => [f, z.array(FacetOption)])) as {
      [K in (typeof FACET_FIELDS)[number]]: z.ZodArray<typeof FacetOption>;
    },
  ),
  total: CustomerTotal,
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
  headline: z
    .string()
    .describe(
      "one sentence that agrees with every chip: the headline risk and its top reasons, or the churn (date, reason, lost ARR)",
    ),
  headline_risk: z
    .object({
      key: z.enum(["churn_risk", "early_warning"]),
      label: z.string(),
      score: z.number().nullable(),
      level: z.string().nullable(),
      level_label: z.string().nullable(),
    })
    .describe("the org's headline score (config scores.headline); null level for a churned customer"),
  customer: CustomerListItem.extend({
    risk_level: z.string().nullable().describe("the headline score's level (null once churned)"),
    status: z.enum(["active", "trialing", "paused", "past_due", "churned"]).nullable(),
    status_label: z.string().nullable(),
    churn_date: z.string().nullable(),
    churn_reason: z.string().nullable().describe("the churn event's reason code"),
    churn_reason_label: z.string().nullable(),
    lost_arr: z.number().nullable().describe("ARR the customer took when it churned"),
    industry: z.string().nullable(),
    country: z.string().nullable(),
    signup_date: z.string().nullable(),
    seats: z.number().nullable(),
    is_trial: z.boolean(),
  }),
  score: z
    .object({
      kind: z
        .enum(["churn_risk", "early_warning"])
        .describe("the headline score the reasons and actions come from"),
      at_churn: z.boolean().describe("true once churned: the scores stood so at the churn, no live risk"),
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
