import { z } from "zod";
import { ReasonKind, RiskLevel } from "./common.ts";

/** A key with its words, so no raw key reaches the screen. */
const Labelled = { key: z.string(), label: z.string() };
const CountArr = z.object({ ...Labelled, customers: z.number().int(), arr: z.number() });

/** Which score is the headline (the org's `scores.headline`). */
export const HeadlineRef = z
  .object({ key: z.enum(["churn_risk", "early_warning"]), label: z.string() })
  .describe("the org's headline risk score (config scores.headline)");

/** Lost business: churned customers and the ARR they took, in the 12 months up to the as-of day. */
export const LostBusiness = z.object({
  from: z.string().describe("first day of the period"),
  to: z.string().describe("last day of the period (the as-of day)"),
  customers: z.number().int().describe("customers that churned in the period"),
  arr: z.number().describe("ARR they took with them (lost ARR)"),
  by_reason: z.array(CountArr).describe("churn reason, most ARR first"),
  by_month: z.array(z.object({ month: z.string(), customers: z.number().int(), arr: z.number() })),
});

/**
 * GET /v1/reports/executive: the live book (customers not churned at the as-of day) by the
 * headline score, and the lost business apart.
 */
export const ExecutiveReport = z.object({
  as_of: z.string().nullable().describe("the day the stored scores were computed as of"),
  computed_at: z.string().nullable(),
  customers: z.number().int().describe("live customers (not churned at the as-of day)"),
  churn_rate_label: z
    .number()
    .describe("the seed's label: share of scored customers whose account has a churn event"),
  high_risk_share: z.number().describe("share of live customers at the headline's at-risk levels"),
  arr_at_risk: z
    .number()
    .describe("ARR of live customers whose headline level is high or critical (early warning: High)"),
  total_arr: z.number().describe("ARR of the live book"),
  avg_arr: z.number(),
  level_counts: z
    .record(RiskLevel, z.number().int())
    .describe(
      "live customers per headline level in early warning's words (churn risk: High = high, Medium = medium, Low = low; critical is in levels)",
    ),
  usage_window_end: z.string().nullable(),
  tickets_window_end: z.string().nullable(),
  book: z.literal("live").describe("which customers the figures count"),
  headline: HeadlineRef,
  levels: z.array(CountArr).describe("live customers and ARR per headline level, highest risk first"),
  statuses: z.array(CountArr).describe("every customer and its ARR by status"),
  lost: LostBusiness,
});

/** GET /v1/reports/drivers: the live book's risk by plan tier and drivers, by the headline score. */
export const DriversReport = z.object({
  risk_by_plan_tier: z.array(
    z.object({
      plan_tier: z.string(),
      customers: z.number().int(),
      avg_risk_score: z.number(),
      arr: z.number(),
    }),
  ),
  drivers: z
    .record(ReasonKind, z.number().int())
    .describe("live customers per early-warning reason kind (driver_counts has the headline's)"),
  churn_reasons: z
    .array(z.object({ reason_code: z.string(), count: z.number().int() }))
    .describe("every churn event by reason (the seed's churn label)"),
  book: z.literal("live"),
  headline: HeadlineRef,
  driver_counts: z
    .array(z.object({ ...Labelled, customers: z.number().int() }))
    .describe("live customers whose headline score carries each reason kind (the list's driver= filter)"),
  lost: LostBusiness,
});
