import type { Role } from "../core/auth/roles.ts";
import { HoldfastError } from "../core/errors.ts";
import { createApiKey as insertApiKey } from "../store/api-keys.ts";
import { appendAudit } from "../store/audit.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * Creates an API key for the org and returns it: the only time it is shown (only its hash is
 * stored). Audited with its role, name and expiry, never the key.
 */
export async function createApiKey(
  ctx: UseCaseContext,
  orgId: number,
  opts: { role: Role; name: string; expiresAt?: Date | undefined; actor: string },
): Promise<{ id: number; key: string; expiresAt: Date | undefined }> {
  const name = opts.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new HoldfastError("invalid_input", "A key's name must be 1 to 100 characters");
  }
  if (opts.expiresAt && opts.expiresAt.getTime() <= ctx.now().getTime()) {
    throw new HoldfastError("invalid_input", "A key's expiry must be in the future");
  }
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const { id, key } = await insertApiKey(tx, orgId, {
      role: opts.role,
      name,
      now,
      createdBy: opts.actor,
      ...(opts.expiresAt ? { expiresAt: opts.expiresAt } : {}),
    });
    await appendAudit(tx, orgId, now, {
      actor: opts.actor,
      action: "api_key.create",
      subject: `api_key:${id}`,
      detail: { role: opts.role, name, expires_at: opts.expiresAt?.toISOString() ?? null },
    });
    return { id, key, expiresAt: opts.expiresAt };
  });
}
