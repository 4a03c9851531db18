import type { Db } from "../open-store.ts";
import { mq } from "./tables.ts";

/** The SMTP server's acceptance of an outbox row, recorded as soon as it happens (one statement). */
export async function recordEmailSend(
  db: Db,
  orgId: number,
  row: { outboxId: number; messageId: string; response: string; at: string },
): Promise<void> {
  await mq(db)
    .insertInto("email_sends")
    .values({
      org_id: orgId,
      outbox_id: row.outboxId,
      message_id: row.messageId,
      response: row.response,
      at: row.at,
    })
    .onConflict((oc) => oc.columns(["org_id", "outbox_id"]).doNothing())
    .execute();
}

export async function emailSendOf(
  db: Db,
  orgId: number,
  outboxId: number,
): Promise<{ response: string; at: string } | null> {
  const r = await mq(db)
    .selectFrom("email_sends")
    .select(["response", "at"])
    .where("org_id", "=", orgId)
    .where("outbox_id", "=", outboxId)
    .executeTakeFirst();
  return r ?? null;
}
