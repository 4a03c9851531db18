import type { Db } from "../open-store.ts";
import { q } from "./tables.ts";

/**
 * The customers an incremental plays tick must evaluate, one query per reason (docs/plays.md
 * "Incremental ticks"), and the org's earliest step timer. Every query is scoped by org and
 * served by an index (migrations 010 and 017).
 */

/** Distinct ids (deduplicated here: a `distinct` would make SQLite walk the customer index instead of the time range). */
const ids = (rows: readonly { customer_id: string | null }[]): string[] => [
  ...new Set(rows.flatMap((r) => (r.customer_id ? [r.customer_id] : []))),
];

/** Customers with a canonical event in (from, to]. */
export async function customersWithEvents(
  db: Db,
  orgId: number,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("events")
    .select("customer_id")
    .where("org_id", "=", orgId)
    .where("ts", ">", from)
    .where("ts", "<=", to)
    .execute();
  return ids(rows);
}

/** Customers with a ticket submitted in (from, to] that an analyzer flagged with churn intent. */
export async function customersWithChurnIntent(
  db: Db,
  orgId: number,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("tickets as t")
    .innerJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .select("t.customer_id")
    .distinct()
    .where("t.org_id", "=", orgId)
    .where("a.churn_intent", "=", 1)
    .where("t.submitted_at", ">", from)
    .where("t.submitted_at", "<=", to)
    .execute();
  return ids(rows);
}

/** Customers with an active run whose next step, retry or window end is due at `at`. */
export async function customersWithDueRuns(db: Db, orgId: number, at: string): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("play_runs")
    .select("customer_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where("next_due_at", "<=", at)
    .execute();
  return ids(rows);
}

/** Customers with an offer still proposed whose time is up at `at` (the tick expires it). */
export async function customersWithExpiringOffers(db: Db, orgId: number, at: string): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("offers")
    .select("customer_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where("status", "=", "proposed")
    .where("expires_at", "<=", at)
    .execute();
  return ids(rows);
}

/**
 * Customers who signed up on a day in [from, to] (a schedule counted from signup fires for them)
 * and whose answer could differ from the last one: less those with a run of the tactic that
 * rules out another (`run`: any run, or one with the key), and those already refused for this
 * key at an earlier tick with no retry time due by `at` (their next change brings them back).
 */
export async function customersSignedUpBetween(
  db: Db,
  orgId: number,
  w: { from: string; to: string; tactic: string; key: string; run: "any" | "key" | null },
  at: string,
): Promise<string[]> {
  let s = q(db)
    .selectFrom("customers as c")
    .select("c.id as customer_id")
    .where("c.org_id", "=", orgId)
    .where("c.signup_date", ">=", w.from)
    .where("c.signup_date", "<=", `${w.to}\uffff`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("play_decisions as d")
            .select("d.id")
            .whereRef("d.org_id", "=", "c.org_id")
            .whereRef("d.customer_id", "=", "c.id")
            .where("d.tactic", "=", w.tactic)
            .where("d.kind", "=", "start")
            .where("d.run_key", "=", w.key)
            .where((eb) => eb.or([eb("d.next_eligible_at", "is", null), eb("d.next_eligible_at", ">", at)])),
        ),
      ),
    );
  if (w.run)
    s = s.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("play_runs as r")
            .select("r.run_id")
            .whereRef("r.org_id", "=", "c.org_id")
            .whereRef("r.customer_id", "=", "c.id")
            .where("r.tactic", "=", w.tactic)
            .$if(w.run === "key", (x) => x.where("r.run_key", "=", w.key)),
        ),
      ),
    );
  return ids(await s.execute());
}

/** Customers with a subscription that started on one of these days of the month ("01".."31"). */
export async function customersWithStartDayOfMonth(
  db: Db,
  orgId: number,
  days: readonly string[],
): Promise<string[]> {
  if (days.length === 0) return [];
  const rows = await q(db)
    .selectFrom("subscriptions")
    .select("customer_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where((eb) => eb.fn("substr", ["start_date", eb.val(9), eb.val(2)]), "in", [...days])
    .execute();
  return ids(rows);
}

/** Every customer of the org (a schedule that fires for everyone, e.g. a new every-N-days period). */
export async function allCustomerIds(db: Db, orgId: number): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("customers")
    .select("id as customer_id")
    .where("org_id", "=", orgId)
    .execute();
  return ids(rows);
}

/** The earliest `next_due_at` of the org's active runs (the step timer), or null. */
export async function earliestDueAt(db: Db, orgId: number): Promise<string | null> {
  const r = await q(db)
    .selectFrom("play_runs")
    .select("next_due_at")
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where("next_due_at", "is not", null)
    .orderBy("next_due_at")
    .limit(1)
    .executeTakeFirst();
  return r?.next_due_at ?? null;
}

/** The earliest `next_due_at` after `after` of the org's active runs, or null. */
export async function earliestDueAfter(db: Db, orgId: number, after: string): Promise<string | null> {
  const r = await q(db)
    .selectFrom("play_runs")
    .select("next_due_at")
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where("next_due_at", ">", after)
    .orderBy("next_due_at")
    .limit(1)
    .executeTakeFirst();
  return r?.next_due_at ?? null;
}
