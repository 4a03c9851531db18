import type { Db } from "../open-store.ts";
import { type ExperienceResponseTable, q } from "./tables.ts";

/** End users' answers to experiences, keyed by the client's response id (idempotent). */

export async function findExperienceResponse(
  db: Db,
  orgId: number,
  responseId: string,
): Promise<ExperienceResponseTable | null> {
  return (
    (await q(db)
      .selectFrom("experience_responses")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("response_id", "=", responseId)
      .executeTakeFirst()) ?? null
  );
}

/** Inserts an answer; false when the response id was already recorded (a retry). */
export async function insertExperienceResponse(db: Db, row: ExperienceResponseTable): Promise<boolean> {
  const r = await q(db)
    .insertInto("experience_responses")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "response_id"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
