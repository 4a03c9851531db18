import { listOutcomes as outcomeRows } from "../store/outcomes.ts";
import type { UseCaseContext } from "./context.ts";

/** The outcomes logged for a customer, newest first (none for a customer the org does not have). */
export async function listOutcomes(ctx: UseCaseContext, orgId: number, customerId: string) {
  return outcomeRows(ctx.db, orgId, customerId);
}
