import { appendAudit } from "../store/audit.ts";
import { ensureOrg as ensureOrgRow, findOrg, type Org } from "../store/orgs.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

export type { Org } from "../store/orgs.ts";

/** The org with this slug, created (and the creation audited) when it does not exist yet. */
export async function ensureOrg(
  ctx: UseCaseContext,
  slug: string,
  opts: { name?: string | undefined; actor: string },
): Promise<Org> {
  const found = await findOrg(ctx.db, slug);
  if (found) return found;
  return withTransaction(ctx.db, async (tx) => {
    const org = await ensureOrgRow(tx, slug, ctx.now(), opts.name ?? slug);
    await appendAudit(tx, org.id, ctx.now(), {
      actor: opts.actor,
      action: "org.create",
      subject: `org:${org.slug}`,
      detail: { name: org.name },
    });
    return org;
  });
}
