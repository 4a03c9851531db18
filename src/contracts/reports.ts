import { z } from "zod";
import { ReasonKind, RiskLevel } from "./common.ts";

/** GET /v1/reports/executive: the org's figures from its stored early-warning scores. */
export const ExecutiveReport = z.object({
  as_of: z.string().nullable().describe("the day the stored scores were computed as of"),
  computed_at: z.string().nullable(),
  customers: z.number().int(),
  churn_rate_label: z.number().describe("share of customers whose account has a churn event"),
  high_risk_share: z.number(),
  arr_at_risk: z.number().describe("ARR of High and Medium risk customers"),
  total_arr: z.number(),
  avg_arr: z.number(),
  level_counts: z.record(RiskLevel, z.number().int()),
  usage_window_end: z.string().nullable(),
  tickets_window_end: z.string().nullable(),
});

/** GET /v1/reports/drivers */
export const DriversReport = z.object({
  risk_by_plan_tier: z.array(
    z.object({ plan_tier: z.string(), customers: z.number().int(), avg_risk_score: z.number() }),
  ),
  drivers: z.record(ReasonKind, z.number().int()).describe("customers flagged per reason kind"),
  churn_reasons: z.array(z.object({ reason_code: z.string(), count: z.number().int() })),
});
