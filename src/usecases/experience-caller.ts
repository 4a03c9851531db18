import { HoldfastError } from "../core/errors.ts";
import { verifyIdentity } from "../core/experiences/identity.ts";
import { experienceKeysByPublishable } from "../store/experiences/keys.ts";
import type { UseCaseContext } from "./context.ts";
import { orgConfig } from "./org-config.ts";

/**
 * Who calls the experiences API: the org of a publishable key and the end user of a valid
 * identity token signed with that org's secret. Anything else is `unauthorized` with the reason.
 */

export const PUBLISHABLE_HEADER = "holdfast-publishable-key";
export const IDENTITY_HEADER = "holdfast-identity";

export interface ExperienceCaller {
  orgId: number;
  customerId: string;
}

export async function experienceCaller(
  ctx: UseCaseContext,
  publishableKey: string | undefined,
  token: string | undefined,
): Promise<ExperienceCaller> {
  if (!publishableKey)
    throw new HoldfastError(
      "unauthorized",
      "Missing publishable key: send Holdfast-Publishable-Key: pk_... (holdfast experiences keys)",
    );
  if (!/^pk_[A-Za-z0-9_-]{10,100}$/.test(publishableKey))
    throw new HoldfastError("unauthorized", "Holdfast-Publishable-Key is not a publishable key (pk_...)");
  const keys = await experienceKeysByPublishable(ctx.db, publishableKey);
  if (!keys) throw new HoldfastError("unauthorized", "Unknown publishable key");
  if (!token)
    throw new HoldfastError(
      "unauthorized",
      "Missing identity token: send Holdfast-Identity, signed by your backend (docs/in-app.md)",
    );
  const v = verifyIdentity(token, keys.identity_secret, ctx.now());
  if (!v.ok) throw new HoldfastError("unauthorized", v.reason);
  return { orgId: keys.org_id, customerId: v.customerId };
}

/** Browser origins the org allows besides the service's own. */
export async function experienceOrigins(ctx: UseCaseContext, orgId: number): Promise<readonly string[]> {
  return (await orgConfig(ctx, orgId)).config.experiences.allowedOrigins;
}
