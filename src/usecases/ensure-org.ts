import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import type { Db } from "../store/open-store.ts";
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
  return withTransaction(ctx.db, (tx) => ensureOrgIn(tx, ctx.now(), slug, opts));
}

/**
 * The same inside the caller's transaction, so an org is created with the data written into it
 * (an import refused or killed leaves no empty org behind).
 */
export async function ensureOrgIn(
  tx: Db,
  now: Date,
  slug: string,
  opts: { name?: string | undefined; actor: string },
): Promise<Org> {
  const found = await findOrg(tx, slug);
  if (found) return found;
  const org = await ensureOrgRow(tx, slug, now, opts.name ?? slug);
  await appendAudit(tx, org.id, now, {
    actor: opts.actor,
    action: "org.create",
    subject: `org:${org.slug}`,
    detail: { name: org.name },
  });
  return org;
}

/**
 * The org with this slug, or a not_found error that says how to create it (for imports that
 * only make sense into an org with customers, so a refused one leaves nothing behind).
 */
export async function requireOrg(ctx: UseCaseContext, slug: string, hint: string): Promise<Org> {
  const found = await findOrg(ctx.db, slug);
  if (found) return found;
  throw new HoldfastError("not_found", `No org "${slug}": ${hint}; nothing was written`);
}
