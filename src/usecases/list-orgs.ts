import { listOrgs as listOrgRows, type Org } from "../store/orgs.ts";
import type { UseCaseContext } from "./context.ts";

/** Every org in the store, oldest first. */
export async function listOrgs(ctx: UseCaseContext): Promise<Org[]> {
  return listOrgRows(ctx.db);
}
