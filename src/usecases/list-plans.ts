import { listPlans as planRows } from "../store/customer-write.ts";
import type { UseCaseContext } from "./context.ts";

/** The org's plan catalog, entry tier first. */
export async function listPlans(ctx: UseCaseContext, orgId: number) {
  return planRows(ctx.db, orgId);
}
