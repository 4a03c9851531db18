import type { Db } from "../open-store.ts";
import { q } from "./tables.ts";

/**
 * The in-app rows of the outbox: what the plays want to show a customer. A row stays `pending`
 * until the snippet reports an impression (then `delivered`); only rows of runs still open count.
 */

export interface InAppRow {
  id: number;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  run_id: string;
  step_id: string;
  payload: string;
  status: string;
  created_at: string;
}

const COLUMNS = [
  "outbox.id",
  "outbox.idempotency_key",
  "outbox.customer_id",
  "outbox.tactic",
  "outbox.run_id",
  "outbox.step_id",
  "outbox.payload",
  "outbox.status",
  "outbox.created_at",
] as const;

const num = <T extends { id: number | string }>(r: T) => ({ ...r, id: Number(r.id) });

/** Pending in-app rows of the customer whose run is still active, oldest first. */
export async function pendingInApp(db: Db, orgId: number, customerId: string): Promise<InAppRow[]> {
  const rows = await q(db)
    .selectFrom("outbox")
    .innerJoin("play_runs", (j) =>
      j
        .onRef("play_runs.org_id", "=", "outbox.org_id")
        .onRef("play_runs.customer_id", "=", "outbox.customer_id")
        .onRef("play_runs.tactic", "=", "outbox.tactic")
        .onRef("play_runs.run_id", "=", "outbox.run_id"),
    )
    .select(COLUMNS)
    .where("outbox.org_id", "=", orgId)
    .where("outbox.customer_id", "=", customerId)
    .where("outbox.channel", "=", "in_app")
    .where("outbox.status", "=", "pending")
    .where("play_runs.status", "=", "active")
    .orderBy("outbox.id")
    .execute();
  return rows.map(num);
}

/** One in-app row of the customer, whatever its status (an answer may follow the impression). */
export async function inAppRowOf(
  db: Db,
  orgId: number,
  customerId: string,
  id: number,
): Promise<InAppRow | null> {
  const r = await q(db)
    .selectFrom("outbox")
    .select(COLUMNS)
    .where("outbox.org_id", "=", orgId)
    .where("outbox.customer_id", "=", customerId)
    .where("outbox.channel", "=", "in_app")
    .where("outbox.id", "=", id)
    .executeTakeFirst();
  return r ? num(r) : null;
}

/** Marks a pending in-app row delivered (shown); false when it was not pending. */
export async function markInAppDelivered(db: Db, orgId: number, id: number): Promise<boolean> {
  const r = await q(db)
    .updateTable("outbox")
    .set({ status: "delivered" })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("channel", "=", "in_app")
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Customers with pending in-app rows of open runs (the demo host page's picker), offers first. */
export async function customersWithPendingInApp(db: Db, orgId: number, limit: number) {
  const rows = await q(db)
    .selectFrom("outbox")
    .innerJoin("play_runs", (j) =>
      j
        .onRef("play_runs.org_id", "=", "outbox.org_id")
        .onRef("play_runs.customer_id", "=", "outbox.customer_id")
        .onRef("play_runs.tactic", "=", "outbox.tactic")
        .onRef("play_runs.run_id", "=", "outbox.run_id"),
    )
    .select((eb) => [
      "outbox.customer_id",
      eb.fn.countAll<number>().as("n"),
      eb.fn
        .max<number>(eb.case().when("outbox.payload", "like", '%"offer_id":"%').then(1).else(0).end())
        .as("offers"),
    ])
    .where("outbox.org_id", "=", orgId)
    .where("outbox.channel", "=", "in_app")
    .where("outbox.status", "=", "pending")
    .where("play_runs.status", "=", "active")
    .groupBy("outbox.customer_id")
    .orderBy("offers", "desc")
    .orderBy((eb) => eb.fn.countAll(), "desc")
    .orderBy("outbox.customer_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, pending: Number(r.n), offer: Number(r.offers) > 0 }));
}
