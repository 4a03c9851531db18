import { z } from "zod";

/** GET /v1/reports/retention */
export const RetentionQuery = z.object({
  months: z.coerce.number().int().min(1).max(36).default(12).describe("calendar months up to the as-of day"),
  as_of: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
    .optional()
    .describe("default: the day the org's scores were computed as of, else today"),
});

const ratio = z.number().nullable();

export const RetentionMonth = z.object({
  month: z.string().describe("YYYY-MM"),
  start_day: z.string(),
  end_day: z.string().describe("the next month's first day, or the as-of day for the current month"),
  complete: z.boolean(),
  customers_start: z.number().int(),
  customers_end: z.number().int(),
  starting_mrr: z.number(),
  new_mrr: z.number(),
  expansion_mrr: z.number(),
  contraction_mrr: z.number(),
  churned_mrr: z.number(),
  ending_mrr: z.number(),
  churned_customers: z.number().int(),
  gross_revenue_retention: ratio.describe("(start - contraction - churned) / start"),
  net_revenue_retention: ratio.describe("(start + expansion - contraction - churned) / start"),
  logo_churn: ratio.describe("customers whose MRR went to 0 / customers with MRR at the start"),
  starting_arr: z.number(),
  new_arr: z.number(),
  expansion_arr: z.number(),
  contraction_arr: z.number(),
  churned_arr: z.number(),
  ending_arr: z.number(),
});

export const RetentionReport = z.object({
  as_of: z.string(),
  months: z.array(RetentionMonth).describe("oldest first"),
});
