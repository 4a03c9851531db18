import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../core/auth/roles.ts";
import type { Db } from "./open-store.ts";

export interface KeyOwner {
  keyId: number;
  orgId: number;
  role: Role;
  name: string;
}

const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/**
 * Creates a key and returns it once: only its SHA-256 is stored (a 240-bit random secret needs
 * no slow hash). Keys look like hf_<40 base64url characters>.
 */
export async function createApiKey(
  db: Db,
  orgId: number,
  opts: { role: Role; name: string; now: Date; expiresAt?: Date },
): Promise<{ id: number; key: string }> {
  const key = `hf_${randomBytes(30).toString("base64url")}`;
  const row = await db.kysely
    .insertInto("api_keys")
    .values({
      org_id: orgId,
      name: opts.name,
      role: opts.role,
      prefix: key.slice(0, 10),
      hash: hashKey(key),
      created_at: opts.now.toISOString(),
      expires_at: opts.expiresAt?.toISOString() ?? null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** The org and role a presented key belongs to, unless it is unknown, revoked or expired. */
export async function findKeyOwner(db: Db, key: string, now: Date): Promise<KeyOwner | undefined> {
  const row = await db.kysely
    .selectFrom("api_keys")
    .select(["id", "org_id", "role", "name", "expires_at", "revoked_at"])
    .where("hash", "=", hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  return { keyId: row.id, orgId: row.org_id, role: row.role as Role, name: row.name };
}
