import { randomBytes } from "node:crypto";
import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { experienceKeysOf, insertExperienceKeys, setIdentitySecret } from "../store/experiences/keys.ts";
import type { ExperienceKeyTable } from "../store/experiences/tables.ts";
import type { Db } from "../store/open-store.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * The org's in-app keys (docs/in-app.md): a publishable key (`pk_...`, safe in a browser, good
 * only on the experiences routes) and an identity secret (`ids_...`, for the host app's backend
 * to sign end users). The secret is shown once, when created or rotated, and never again.
 */

export interface ExperienceKeysView {
  publishableKey: string;
  /** Only when this call created or rotated it; null otherwise (redacted). */
  identitySecret: string | null;
  secretRotatedAt: string;
  createdAt: string;
  created: boolean;
  rotated: boolean;
}

const newPublishable = () => `pk_${randomBytes(18).toString("base64url")}`;
const newSecret = () => `ids_${randomBytes(32).toString("base64url")}`;

/** The org's keys, created on first use; inside the caller's transaction. */
export async function ensureExperienceKeys(
  tx: Db,
  orgId: number,
  now: Date,
  actor: string,
): Promise<{ row: ExperienceKeyTable; created: boolean }> {
  const existing = await experienceKeysOf(tx, orgId);
  if (existing) return { row: existing, created: false };
  const at = now.toISOString();
  const row: ExperienceKeyTable = {
    org_id: orgId,
    publishable_key: newPublishable(),
    identity_secret: newSecret(),
    secret_rotated_at: at,
    created_at: at,
  };
  if (!(await insertExperienceKeys(tx, row))) {
    const raced = await experienceKeysOf(tx, orgId);
    if (!raced) throw new HoldfastError("conflict", "The org's in-app keys changed during the call: retry");
    return { row: raced, created: false };
  }
  await appendAudit(tx, orgId, now, {
    actor,
    action: "experiences.keys.create",
    subject: row.publishable_key,
    detail: { identitySecret: "[redacted]" },
  });
  return { row, created: true };
}

/** Shows the org's keys (creating them on first use), or rotates the identity secret. */
export async function experienceKeys(
  ctx: UseCaseContext,
  orgId: number,
  opts: { rotate?: boolean | undefined; actor: string },
): Promise<ExperienceKeysView> {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const { row, created } = await ensureExperienceKeys(tx, orgId, now, opts.actor);
    let secret = created ? row.identity_secret : null;
    let rotatedAt = row.secret_rotated_at;
    const rotate = opts.rotate === true && !created;
    if (rotate) {
      secret = newSecret();
      rotatedAt = now.toISOString();
      await setIdentitySecret(tx, orgId, secret, rotatedAt);
      await appendAudit(tx, orgId, now, {
        actor: opts.actor,
        action: "experiences.secret.rotate",
        subject: row.publishable_key,
        detail: { identitySecret: "[redacted]" },
      });
    }
    return {
      publishableKey: row.publishable_key,
      identitySecret: secret,
      secretRotatedAt: rotatedAt,
      createdAt: row.created_at,
      created,
      rotated: rotate,
    };
  });
}
