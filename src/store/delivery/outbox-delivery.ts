import type { Selectable } from "kysely";
import type { Db } from "../open-store.ts";
import { type DeliveryOutboxTable, dq } from "./tables.ts";

/** The dispatcher's side of the outbox: claim under a lease, attempts, outcome (docs/delivery.md). */

export type DeliveryRow = Omit<Selectable<DeliveryOutboxTable>, "org_id" | "id"> & {
  id: number;
  org_id: number;
};

const toRow = (r: Selectable<DeliveryOutboxTable>): DeliveryRow => ({
  ...r,
  id: Number(r.id),
  org_id: Number(r.org_id),
  attempts: Number(r.attempts),
  retry_from: Number(r.retry_from),
});

/**
 * Claims up to `limit` due rows of one channel of an org in one statement: pending rows whose
 * next attempt has come, and `sending` rows whose lease ran out (their dispatcher died). Each
 * claimed row gets its attempt count raised, the claimer's id and a lease. PostgreSQL skips
 * rows another dispatcher is claiming; SQLite's write transaction serialises claimers. Call it
 * inside a transaction (the dispatcher does). When
 * `ids` is given, only those rows are claimed.
 */
export async function claimOutbox(
  db: Db,
  orgId: number,
  opts: {
    channel: string;
    workerId: string;
    limit: number;
    now: Date;
    leaseMs: number;
    ids?: readonly number[] | undefined;
  },
): Promise<DeliveryRow[]> {
  if (opts.limit <= 0) return [];
  const at = opts.now.toISOString();
  let due = dq(db)
    .selectFrom("outbox")
    .select("id")
    .where("org_id", "=", orgId)
    .where("channel", "=", opts.channel)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("status", "=", "pending"),
          eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", at)]),
        ]),
        eb.and([eb("status", "=", "sending"), eb("lease_until", "<", at)]),
      ]),
    )
    .orderBy("id")
    .limit(opts.limit);
  if (opts.ids) due = due.where("id", "in", opts.ids.length > 0 ? [...opts.ids] : [-1]);
  // Select then update, in the caller's transaction: the selected rows stay locked until it
  // commits. (An `update ... where id in (select ... limit n for update skip locked)` may
  // rescan its subquery on PostgreSQL and claim more than n rows.)
  const ids = (await (db.driver.skipLocked ? due.forUpdate().skipLocked() : due).execute()).map((r) =>
    Number(r.id),
  );
  if (ids.length === 0) return [];
  const rows = await dq(db)
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      attempts: eb("attempts", "+", 1),
      locked_by: opts.workerId,
      lease_until: new Date(opts.now.getTime() + opts.leaseMs).toISOString(),
      updated_at: at,
    }))
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .returningAll()
    .execute();
  return rows.map(toRow).sort((a, b) => a.id - b.id);
}

export interface AttemptStart {
  outboxId: number;
  attempt: number;
  channel: string;
  endpointId: number | null;
}

/**
 * Writes the claimed rows' attempts as `started` before anything is sent, so a crash leaves
 * evidence. An earlier attempt of a claimed row still `started` was lost with its dispatcher
 * (its lease ran out): it is closed as failed first. `claimedIds` are every row claimed, sent
 * or not.
 */
export async function startAttempts(
  db: Db,
  orgId: number,
  claimedIds: readonly number[],
  starts: readonly AttemptStart[],
  now: Date,
) {
  const at = now.toISOString();
  for (let i = 0; i < claimedIds.length; i += 500)
    await dq(db)
      .updateTable("delivery_attempts")
      .set({ status: "failed", error: "dispatcher lost before the answer (lease expired)" })
      .where("org_id", "=", orgId)
      .where("status", "=", "started")
      .where("outbox_id", "in", claimedIds.slice(i, i + 500))
      .execute();
  for (let i = 0; i < starts.length; i += 200)
    await dq(db)
      .insertInto("delivery_attempts")
      .values(
        starts.slice(i, i + 200).map((s) => ({
          org_id: orgId,
          outbox_id: s.outboxId,
          attempt: s.attempt,
          channel: s.channel,
          at,
          status: "started",
          code: null,
          error: null,
          latency_ms: null,
          endpoint_id: s.endpointId,
        })),
      )
      .onConflict((oc) => oc.columns(["org_id", "outbox_id", "attempt"]).doNothing())
      .execute();
}

export interface AttemptOutcome {
  outboxId: number;
  attempt: number;
  ok: boolean;
  code: string | null;
  error: string | null;
  latencyMs: number;
  /** The row's next status: sent, pending (retry at `nextAttemptAt`), dead, delivered, cancelled (not sent on purpose). */
  status: "sent" | "pending" | "dead" | "delivered" | "cancelled";
  nextAttemptAt: string | null;
}

/**
 * Records attempts' answers and moves their rows on, only while the row is still this
 * dispatcher's (a row whose lease ran out and was claimed again is the new claimer's). Set-based:
 * attempts are upserted 200 to a statement, rows updated once per distinct outcome.
 */
export async function finishAttempts(
  db: Db,
  orgId: number,
  workerId: string,
  outcomes: readonly AttemptOutcome[],
  now: Date,
  channels: ReadonlyMap<number, { channel: string; endpointId: number | null }>,
) {
  const at = now.toISOString();
  for (let i = 0; i < outcomes.length; i += 200)
    await dq(db)
      .insertInto("delivery_attempts")
      .values(
        outcomes.slice(i, i + 200).map((o) => ({
          org_id: orgId,
          outbox_id: o.outboxId,
          attempt: o.attempt,
          channel: channels.get(o.outboxId)?.channel ?? "",
          at,
          status: o.ok ? "ok" : "failed",
          code: o.code,
          error: o.error,
          latency_ms: Math.round(o.latencyMs),
          endpoint_id: channels.get(o.outboxId)?.endpointId ?? null,
        })),
      )
      // The row written as `started` keeps its time (when the attempt began).
      .onConflict((oc) =>
        oc.columns(["org_id", "outbox_id", "attempt"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          code: eb.ref("excluded.code"),
          error: eb.ref("excluded.error"),
          latency_ms: eb.ref("excluded.latency_ms"),
        })),
      )
      .execute();
  const groups = new Map<string, { o: AttemptOutcome; ids: number[] }>();
  for (const o of outcomes) {
    const k = JSON.stringify([o.status, o.ok, o.code, o.error, o.nextAttemptAt]);
    const g = groups.get(k);
    if (g) g.ids.push(o.outboxId);
    else groups.set(k, { o, ids: [o.outboxId] });
  }
  for (const { o, ids } of groups.values())
    for (let i = 0; i < ids.length; i += 500)
      await dq(db)
        .updateTable("outbox")
        .set({
          status: o.status,
          next_attempt_at: o.nextAttemptAt,
          lease_until: null,
          locked_by: null,
          last_error: o.ok ? null : o.error,
          last_code: o.code,
          sent_at: o.ok ? at : null,
          updated_at: at,
        })
        .where("org_id", "=", orgId)
        .where("id", "in", ids.slice(i, i + 500))
        .where("status", "=", "sending")
        .where("locked_by", "=", workerId)
        .execute();
}

/** Attempts of a channel started since `since` (the rate limit's window). */
export async function attemptsSince(db: Db, orgId: number, channel: string, since: Date): Promise<number> {
  const r = await dq(db)
    .selectFrom("delivery_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("channel", "=", channel)
    .where("at", ">", since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The oldest attempt of a channel since `since` (when the window frees a slot). */
export async function oldestAttemptSince(db: Db, orgId: number, channel: string, since: Date) {
  const r = await dq(db)
    .selectFrom("delivery_attempts")
    .select((eb) => eb.fn.min("at").as("at"))
    .where("org_id", "=", orgId)
    .where("channel", "=", channel)
    .where("at", ">", since.toISOString())
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/**
 * When the org's next delivery of these channels is due: `now` or earlier when a row is due,
 * else the earliest retry or lease end; null when nothing waits.
 */
export async function nextDueAt(db: Db, orgId: number, channels: readonly string[]): Promise<string | null> {
  const now = await dq(db)
    .selectFrom("outbox")
    .select("id")
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .where("next_attempt_at", "is", null)
    .where("channel", "in", [...channels])
    .limit(1)
    .executeTakeFirst();
  if (now) return "";
  const later = await dq(db)
    .selectFrom("outbox")
    .select((eb) => [eb.fn.min("next_attempt_at").as("retry")])
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .where("channel", "in", [...channels])
    .executeTakeFirst();
  const lease = await dq(db)
    .selectFrom("outbox")
    .select((eb) => [eb.fn.min("lease_until").as("lease")])
    .where("org_id", "=", orgId)
    .where("status", "=", "sending")
    .where("channel", "in", [...channels])
    .executeTakeFirst();
  const xs = [later?.retry, lease?.lease].filter((x): x is string => typeof x === "string");
  return xs.length === 0 ? null : xs.sort()[0]!;
}

/** Puts dead rows (one, or all of the org's) back to pending with attempts reset. */
export async function redeliverDead(db: Db, orgId: number, id: number | null, now: Date): Promise<number[]> {
  let u = dq(db)
    .updateTable("outbox")
    .set((eb) => ({
      status: "pending",
      retry_from: eb.ref("attempts"),
      next_attempt_at: null,
      last_error: null,
      updated_at: now.toISOString(),
    }))
    .where("org_id", "=", orgId)
    .where("status", "=", "dead");
  if (id !== null) u = u.where("id", "=", id);
  const rows = await u.returning("id").execute();
  return rows.map((r) => Number(r.id));
}
