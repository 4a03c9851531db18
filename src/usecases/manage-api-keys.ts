import { HoldfastError } from "../core/errors.ts";
import {
  type ApiKeyRow,
  hasApiKeys,
  listApiKeys as listKeyRows,
  revokeApiKey as revokeKeyRow,
} from "../store/api-keys.ts";
import { appendAudit } from "../store/audit.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { createApiKey } from "./create-api-key.ts";

export type { ApiKeyRow } from "../store/api-keys.ts";

/** The org's keys, newest first: name, role, prefix, creator, dates; never the key. */
export async function listApiKeys(
  ctx: UseCaseContext,
  orgId: number,
  opts: { includeRevoked?: boolean } = {},
): Promise<ApiKeyRow[]> {
  return listKeyRows(ctx.db, orgId, opts);
}

/**
 * Revokes one of the org's keys, named by id or by name (a name must match one unrevoked key),
 * audited. Returns the revoked key as it was.
 */
export async function revokeApiKey(
  ctx: UseCaseContext,
  orgId: number,
  idOrName: string | number,
  actor: string,
): Promise<ApiKeyRow> {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const keys = await listKeyRows(tx, orgId);
    const asId = typeof idOrName === "number" ? idOrName : /^\d+$/.test(idOrName) ? Number(idOrName) : NaN;
    let key = keys.find((k) => k.id === asId);
    if (!key && typeof idOrName === "string") {
      const named = keys.filter((k) => k.name === idOrName);
      if (named.length > 1) {
        throw new HoldfastError("conflict", `${named.length} keys are named ${JSON.stringify(idOrName)}`, {
          details: [`revoke one by id: ${named.map((k) => k.id).join(", ")}`],
        });
      }
      key = named[0];
    }
    if (!key || !(await revokeKeyRow(tx, orgId, key.id, now))) {
      throw new HoldfastError("not_found", `No unrevoked API key ${JSON.stringify(String(idOrName))}`);
    }
    await appendAudit(tx, orgId, now, {
      actor,
      action: "api_key.revoke",
      subject: `api_key:${key.id}`,
      detail: { name: key.name, role: key.role },
    });
    return { ...key, revokedAt: now.toISOString() };
  });
}

export const SIGN_IN_KEY_NAME = "sign-in link";

/**
 * A short-lived admin key for signing in to the dashboard (`<url>/#key=...`): created on request
 * (`holdfast signin-link`) or on a store's first start, never on every start.
 */
export async function createSignInKey(
  ctx: UseCaseContext,
  orgId: number,
  opts: { hours: number; actor: string },
): Promise<{ id: number; key: string; expiresAt: Date }> {
  if (!(opts.hours > 0 && opts.hours <= 24 * 30)) {
    throw new HoldfastError("invalid_input", "A sign-in link lasts from a moment to 720 hours (30 days)");
  }
  const expiresAt = new Date(ctx.now().getTime() + opts.hours * 3_600_000);
  const r = await createApiKey(ctx, orgId, {
    role: "admin",
    name: SIGN_IN_KEY_NAME,
    expiresAt,
    actor: opts.actor,
  });
  return { id: r.id, key: r.key, expiresAt };
}

/** Whether the org has ever had a key (revoked and expired ones count): a start prints a link only when not. */
export async function orgHasKeys(ctx: UseCaseContext, orgId: number): Promise<boolean> {
  return hasApiKeys(ctx.db, orgId);
}
