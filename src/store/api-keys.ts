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
  opts: { role: Role; name: string; now: Date; expiresAt?: Date; createdBy?: string },
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
      created_by: opts.createdBy ?? null,
      last_used_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** How stale `last_used_at` may get: a key used all day costs one write a minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The org and role a presented key belongs to, unless it is unknown, revoked or expired. Marks
 * the key used when its `last_used_at` is older than a minute (one conditional update).
 */
export async function findKeyOwner(db: Db, key: string, now: Date): Promise<KeyOwner | undefined> {
  const row = await db.kysely
    .selectFrom("api_keys")
    .select(["id", "org_id", "role", "name", "expires_at", "revoked_at", "last_used_at"])
    .where("hash", "=", hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (!row.last_used_at || row.last_used_at <= stale) {
    // Best effort: a store too busy to record the use never refuses a valid key.
    await db.kysely
      .updateTable("api_keys")
      .set({ last_used_at: now.toISOString() })
      .where("org_id", "=", row.org_id)
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", stale)]))
      .execute()
      .catch(() => undefined);
  }
  return { keyId: row.id, orgId: row.org_id, role: row.role as Role, name: row.name };
}

export interface ApiKeyRow {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The org's keys, newest first (never the key or its hash). Revoked keys only when asked. */
export async function listApiKeys(
  db: Db,
  orgId: number,
  opts: { includeRevoked?: boolean } = {},
): Promise<ApiKeyRow[]> {
  let q = db.kysely
    .selectFrom("api_keys")
    .select([
      "id",
      "name",
      "role",
      "prefix",
      "created_by",
      "created_at",
      "last_used_at",
      "expires_at",
      "revoked_at",
    ])
    .where("org_id", "=", orgId);
  if (!opts.includeRevoked) q = q.where("revoked_at", "is", null);
  const rows = await q.orderBy("id", "desc").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Role,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Marks the org's key revoked; false when there is no such unrevoked key. */
export async function revokeApiKey(db: Db, orgId: number, id: number, now: Date): Promise<boolean> {
  const r = await db.kysely
    .updateTable("api_keys")
    .set({ revoked_at: now.toISOString() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether the org has any key, revoked and expired ones included. */
export async function hasApiKeys(db: Db, orgId: number): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("api_keys")
    .select("id")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
