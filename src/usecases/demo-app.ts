import { HoldfastError } from "../core/errors.ts";
import { MOMENTS } from "../core/experiences/catalog.ts";
import { signIdentity } from "../core/experiences/identity.ts";
import { orgHasAuditAction } from "../store/experiences/audit-marks.ts";
import { customersWithPendingInApp } from "../store/experiences/in-app-outbox.ts";
import type { Org } from "../store/orgs.ts";
import { customerPage } from "../store/plays/context-facts.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { ensureExperienceKeys } from "./experience-keys.ts";
import { listOrgs } from "./list-orgs.ts";
import { DEMO_ORG } from "./load-demo-workspace.ts";
import { orgConfig } from "./org-config.ts";

/**
 * The demo host page (/demo-app/): a pretend product whose "backend" signs identity tokens for
 * the demo org's customers. Served only for an org with `experiences.demoApp` "on", or "auto"
 * (the default) and holding the simulated demo workspace (the `demo.workspace` audit entry its
 * loader writes; `npm start` makes the org `demo` so). No secret leaves the server.
 */

/** Lifetime of the demo page's identity tokens. */
const DEMO_TOKEN_SECONDS = 3600;

export async function demoAppOrg(ctx: UseCaseContext): Promise<Org> {
  const orgs = [...(await listOrgs(ctx))].sort(
    (a, b) => Number(b.slug === DEMO_ORG) - Number(a.slug === DEMO_ORG) || a.id - b.id,
  );
  for (const org of orgs) {
    const mode = (await orgConfig(ctx, org.id)).config.experiences.demoApp;
    if (mode === "on") return org;
    // "auto": only an org holding the simulated demo workspace (its loader's audit entry).
    if (mode === "auto" && (await orgHasAuditAction(ctx.db, org.id, "demo.workspace"))) return org;
  }
  throw new HoldfastError(
    "not_found",
    "The demo host page is off: no org holds the demo workspace or sets experiences.demoApp to on",
  );
}

export async function demoAppInfo(ctx: UseCaseContext) {
  const org = await demoAppOrg(ctx);
  const { row } = await withTransaction(ctx.db, (tx) =>
    ensureExperienceKeys(tx, org.id, ctx.now(), "demo-app"),
  );
  const customers = await customersWithPendingInApp(ctx.db, org.id, 25);
  return {
    org: org.slug,
    publishable_key: row.publishable_key,
    moments: [...MOMENTS],
    customers: customers.map((c) => ({ id: c.customerId, pending: c.pending, offer: c.offer })),
  };
}

export async function signDemoIdentity(ctx: UseCaseContext, customerId: string) {
  const org = await demoAppOrg(ctx);
  const [c] = await customerPage(ctx.db, org.id, null, 1, [customerId]);
  if (!c) throw new HoldfastError("not_found", `customerId: no customer ${customerId} in the demo org`);
  const { row } = await withTransaction(ctx.db, (tx) =>
    ensureExperienceKeys(tx, org.id, ctx.now(), "demo-app"),
  );
  const exp = Math.floor(ctx.now().getTime() / 1000) + DEMO_TOKEN_SECONDS;
  return {
    customer_id: customerId,
    token: signIdentity(row.identity_secret, customerId, exp),
    expires_at: new Date(exp * 1000).toISOString(),
  };
}
