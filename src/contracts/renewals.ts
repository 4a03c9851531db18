import { z } from "zod";

export const RENEWAL_WINDOWS = [30, 60, 90] as const;
export const RENEWAL_SORTS = ["renewal_date", "-arr", "-risk_score"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

/** GET /v1/renewals */
export const RenewalsQuery = z.object({
  within: z.coerce
    .number()
    .refine((n) => (RENEWAL_WINDOWS as readonly number[]).includes(n), "must be 30, 60 or 90 (days)")
    .default(30)
    .describe("subscriptions renewing within this many days of the as-of day (30, 60 or 90)"),
  sort: z
    .enum(RENEWAL_SORTS)
    .default("renewal_date")
    .describe("ties break by renewal date, then subscription id"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional().describe("next_cursor of the previous page"),
  format: z.enum(["json", "csv"]).default("json").describe("csv streams the whole list for `within`"),
  include_monthly: z
    .enum(["true", "false"])
    .default("false")
    .describe(
      "also list monthly billing anniversaries (by default: terms of a quarter or more, contract ends and trial ends)",
    ),
  as_of: day.optional().describe("default: the day the org's scores were computed as of, else today"),
});
export type RenewalsQuery = z.infer<typeof RenewalsQuery>;

export const RenewalItem = z.object({
  subscription_id: z.string(),
  customer_id: z.string(),
  account_name: z.string().nullable(),
  plan_tier: z.string(),
  renewal_date: z.string(),
  kind: z
    .enum(["renewal", "contract_end", "trial_end"])
    .describe("renewal: next anniversary by billing frequency; contract_end: the end date; trial_end"),
  days_until: z.number().int(),
  arr: z.number(),
  auto_renew: z.boolean(),
  owner: z.string().nullable(),
  risk_score: z.number().nullable().describe("the customer's headline risk score (scores.headline)"),
  risk_level: z.string().nullable(),
});

export const RenewalBucket = z.object({
  within: z.number().int(),
  subscriptions: z.number().int(),
  arr: z.number(),
});

export const RenewalList = z.object({
  as_of: z.string(),
  within: z.number().int(),
  headline: z.string().describe("the score kind risk_score comes from"),
  total: z.number().int().describe("subscriptions in the list for `within` (all pages)"),
  buckets: z.array(RenewalBucket).describe("count and ARR due within 30, 60 and 90 days"),
  items: z.array(RenewalItem),
  next_cursor: z.string().nullable(),
});
