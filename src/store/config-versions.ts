import type { Db } from "./open-store.ts";

export interface ConfigVersion {
  version: number;
  /** The whole effective config of this version (JSON text, secrets included: never sent out as is). */
  config: string;
  /** JSON list of {path, from, to} against the previous version (secrets already redacted). */
  diff: string;
  author: string;
  reason: string;
  revertedTo: number | null;
  at: string;
}

const toVersion = (r: {
  version: number;
  config: string;
  diff: string;
  author: string;
  reason: string;
  reverted_to: number | null;
  at: string;
}): ConfigVersion => ({
  version: Number(r.version),
  config: r.config,
  diff: r.diff,
  author: r.author,
  reason: r.reason,
  revertedTo: r.reverted_to === null ? null : Number(r.reverted_to),
  at: r.at,
});

export async function latestConfigVersion(db: Db, orgId: number): Promise<ConfigVersion | undefined> {
  const r = await db.kysely
    .selectFrom("config_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

export async function getConfigVersion(
  db: Db,
  orgId: number,
  version: number,
): Promise<ConfigVersion | undefined> {
  const r = await db.kysely
    .selectFrom("config_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("version", "=", version)
    .executeTakeFirst();
  return r ? toVersion(r) : undefined;
}

/** Newest first. */
export async function listConfigVersions(db: Db, orgId: number, limit: number): Promise<ConfigVersion[]> {
  const rows = await db.kysely
    .selectFrom("config_versions")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("version", "desc")
    .limit(limit)
    .execute();
  return rows.map(toVersion);
}

/** Adds a version; the primary key (org, version) refuses a second writer of the same number. */
export async function insertConfigVersion(db: Db, orgId: number, v: ConfigVersion): Promise<void> {
  await db.kysely
    .insertInto("config_versions")
    .values({
      org_id: orgId,
      version: v.version,
      config: v.config,
      diff: v.diff,
      author: v.author,
      reason: v.reason,
      reverted_to: v.revertedTo,
      at: v.at,
    })
    .execute();
}
