import { z } from "zod";
import { NUMERIC_LIMITS as L } from "../limits.ts";

const money = z.number().nonnegative().max(L.money);
const seats = z.number().int().nonnegative().max(L.count);

/**
 * The domain's customer and plan records as written: by the API (PUT /v1/customers/:id,
 * PUT /v1/plans/:tier), the events-workspace importer and the demo generator. The API's contract
 * (src/contracts/customer-write.ts) re-exports these.
 */

/** Create or update a customer (fields left out keep their value). */
export const CustomerUpsert = z.strictObject({
  name: z.string().min(1).max(300).optional().describe("account or person name shown in lists"),
  account_id: z.string().min(1).max(200).optional().describe("B2B grouping; defaults to the customer id"),
  industry: z.string().max(100).nullable().optional(),
  country: z.string().max(100).nullable().optional(),
  segment: z.string().max(100).nullable().optional(),
  owner: z.string().max(200).nullable().optional().describe("the CSM who owns the customer"),
  signup_date: z.iso.date().optional(),
  plan_tier: z.string().min(1).max(100).optional(),
  seats: seats.optional(),
  is_trial: z.boolean().optional(),
  arr: money.optional(),
  timezone: z.string().max(64).nullable().optional(),
  consents: z
    .strictObject({ email: z.boolean(), sms: z.boolean(), in_app: z.boolean() })
    .partial()
    .optional(),
  traits: z
    .record(
      z.string().min(1).max(64),
      z.union([z.string().max(1000), z.number().min(-L.trait).max(L.trait), z.boolean()]),
    )
    .optional()
    .describe("custom typed key/values, usable as model features"),
  subscription: z
    .strictObject({
      id: z.string().min(1).max(200),
      plan_tier: z.string().min(1).max(100),
      status: z.enum(["trialing", "active", "past_due", "paused", "canceled"]),
      start_date: z.iso.date(),
      end_date: z.iso.date().nullable().optional(),
      trial_end: z.iso.date().nullable().optional(),
      billing_frequency: z.enum(["monthly", "annual"]).default("monthly"),
      auto_renew: z.boolean().default(true),
      mrr: money,
      seats: seats.default(1),
    })
    .optional()
    .describe("the customer's current subscription (upserted by id)"),
});
export type CustomerUpsert = z.infer<typeof CustomerUpsert>;

/** One plan of the catalog. */
export const PlanUpsert = z.strictObject({
  rank: z.number().int().min(1).describe("order in the catalog, 1 = entry tier; next tier is rank + 1"),
  is_public: z.boolean().default(true).describe("false for unlisted plans such as a rescue plan"),
  price_monthly: money.optional(),
  limits: z
    .record(z.string().min(1).max(64), z.number().positive().max(L.meter))
    .default({})
    .describe("per meter, e.g. {seats: 10, api_calls: 100000, storage_gb: 50}"),
});
export type PlanUpsert = z.infer<typeof PlanUpsert>;
