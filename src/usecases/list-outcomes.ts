import { HoldfastError } from "../core/errors.ts";
import { getCustomer } from "../store/customers.ts";
import { listOutcomes as outcomeRows } from "../store/outcomes.ts";
import type { UseCaseContext } from "./context.ts";

/** The outcomes logged for a customer, newest first; not_found for a customer the org does not have. */
export async function listOutcomes(ctx: UseCaseContext, orgId: number, customerId: string) {
  if (!(await getCustomer(ctx.db, orgId, customerId))) {
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(customerId)} in this org`);
  }
  return outcomeRows(ctx.db, orgId, customerId);
}
