import { z } from "zod";

/**
 * PUT /v1/customers/:id takes CustomerUpsert and PUT /v1/plans/:tier takes PlanUpsert: domain
 * records defined in src/core/customers/schema.ts, re-exported here for the API.
 */
export { CustomerUpsert, PlanUpsert } from "../core/customers/schema.ts";

/** PUT /v1/customers/:id/billing-contact: the only way the billing contact is ever set. */
export const BillingContact = z.strictObject({
  email: z.email().max(320),
  name: z.string().max(300).optional(),
});
