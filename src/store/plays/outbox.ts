import type { RowTable } from "../dialect/dialect.ts";
import type { Db } from "../open-store.ts";
import { chunks, type OutboxTable, q } from "./tables.ts";

/** Effects waiting for delivery (the next issue delivers them), keyed by idempotency key. */

export type NewOutboxRow = Omit<OutboxTable, "org_id" | "id">;
export type OutboxRow = Omit<OutboxTable, "org_id" | "id"> & { id: number };

const text = (name: string) => ({ name, type: "text" }) as const;
/** The bulk row shape of an effect (the dialect's insert-new path). */
const OUTBOX: RowTable = {
  name: "outbox",
  key: ["idempotency_key"],
  columns: [
    text("idempotency_key"),
    text("customer_id"),
    text("tactic"),
    text("run_id"),
    text("step_id"),
    text("channel"),
    text("payload"),
    text("status"),
    text("created_at"),
  ],
};

/** Inserts effects; a key already written is ignored. Returns the keys this call wrote. */
export async function insertOutbox(
  db: Db,
  orgId: number,
  rows: readonly NewOutboxRow[],
): Promise<Set<string>> {
  const written = new Set<string>();
  if (rows.length === 0) return written;
  const fresh = await db.driver.insertNew(
    OUTBOX,
    orgId,
    rows.map((r) => [
      r.idempotency_key,
      r.customer_id,
      r.tactic,
      r.run_id,
      r.step_id,
      r.channel,
      r.payload,
      r.status,
      r.created_at,
    ]),
  );
  rows.forEach((r, i) => {
    if (fresh[i]) written.add(r.idempotency_key);
  });
  return written;
}

/** Customer-channel messages of the page's customers since `from` (weekly and channel caps). */
export async function contactsOf(
  db: Db,
  orgId: number,
  ids: readonly string[],
  from: string,
  channels: readonly string[],
) {
  const out: {
    customerId: string;
    tactic: string;
    runId: string;
    channel: string;
    at: string;
    status: string;
  }[] = [];
  // Channels are filtered here: with `channel in (...)` in the query SQLite picks the
  // (org, channel) index for a page of 500 customers and walks every message of those channels.
  const wanted = new Set(channels);
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("outbox")
      .select(["customer_id", "tactic", "run_id", "channel", "created_at", "status"])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .where("created_at", ">", from)
      .where("status", "!=", "cancelled")
      .execute();
    for (const r of rows)
      if (wanted.has(r.channel))
        out.push({
          customerId: r.customer_id,
          tactic: r.tactic,
          runId: r.run_id,
          channel: r.channel,
          at: r.created_at,
          status: r.status,
        });
  }
  return out;
}

export async function outboxByKey(db: Db, orgId: number, key: string): Promise<OutboxRow | null> {
  const r = await q(db)
    .selectFrom("outbox")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (!r) return null;
  const { org_id: _, ...rest } = r;
  return { ...rest, id: Number(r.id) };
}

/** Moves a row from one status to another; false when it was not in `from`. */
export async function setOutboxStatus(
  db: Db,
  orgId: number,
  key: string,
  from: string,
  to: string,
): Promise<boolean> {
  const r = await q(db)
    .updateTable("outbox")
    .set({ status: to })
    .where("org_id", "=", orgId)
    .where("idempotency_key", "=", key)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countOutbox(db: Db, orgId: number): Promise<number> {
  const r = await q(db)
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listOutbox(db: Db, orgId: number, limit = 1000): Promise<OutboxRow[]> {
  const rows = await q(db)
    .selectFrom("outbox")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, id: Number(r.id) }));
}
