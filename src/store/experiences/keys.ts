import type { Db } from "../open-store.ts";
import { type ExperienceKeyTable, q } from "./tables.ts";

/** Per-org publishable key and identity secret of the in-app experiences. */

export async function experienceKeysOf(db: Db, orgId: number): Promise<ExperienceKeyTable | null> {
  return (
    (await q(db).selectFrom("experience_keys").selectAll().where("org_id", "=", orgId).executeTakeFirst()) ??
    null
  );
}

export async function experienceKeysByPublishable(
  db: Db,
  publishableKey: string,
): Promise<ExperienceKeyTable | null> {
  return (
    (await q(db)
      .selectFrom("experience_keys")
      .selectAll()
      .where("publishable_key", "=", publishableKey)
      .executeTakeFirst()) ?? null
  );
}

/** Inserts the org's keys unless it has some; returns whether this call wrote them. */
export async function insertExperienceKeys(db: Db, row: ExperienceKeyTable): Promise<boolean> {
  const r = await q(db)
    .insertInto("experience_keys")
    .values(row)
    .onConflict((oc) => oc.column("org_id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setIdentitySecret(db: Db, orgId: number, secret: string, at: string): Promise<void> {
  await q(db)
    .updateTable("experience_keys")
    .set({ identity_secret: secret, secret_rotated_at: at })
    .where("org_id", "=", orgId)
    .execute();
}
