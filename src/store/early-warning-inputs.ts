import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { EarlyWarningSignals } from "../core/early-warning/signals.ts";
import type { EarlyWarningWindows } from "../core/early-warning/windows.ts";
import { addDays } from "../core/util/dates.ts";
import type { Db } from "./open-store.ts";
import { rawRows } from "./raw-rows.ts";

/**
 * The customers one step of a recompute covers: a run of consecutive ids in id order (read with
 * range predicates, as the keys are ordered), or a short list of ids anywhere (read by `in`).
 */
export interface CustomerPage {
  /** Sorted ascending, distinct. */
  ids: readonly string[];
  contiguous: boolean;
}

/** `column` restricted to the page's customers. */
export function inPage(db: Db, column: string, page: CustomerPage): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (page.contiguous) return sql<SqlBool>`${ref} >= ${page.ids[0]!} and ${ref} <= ${page.ids.at(-1)!}`;
  return db.driver.inTextList(column, page.ids);
}

/** One customer of a page: its profile fields and seed 004's window aggregates. */
export interface EarlyWarningRow {
  customerId: string;
  accountId: string;
  ordinal: number;
  planTier: string | null;
  arr: number;
  signupDate: string | null;
  seats: number | null;
  signals: EarlyWarningSignals;
}

/** The latest usage day and ticket day in the org's data (where seed 004's windows end). */
export async function dataEndDates(
  db: Db,
  orgId: number,
): Promise<{ usageEnd: string | null; ticketEnd: string | null }> {
  const u = await db.kysely
    .selectFrom("usage_daily")
    .select((eb) => eb.fn.max("day").as("end"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const t = await db.kysely
    .selectFrom("tickets")
    .select((eb) => eb.fn.max("submitted_at").as("end"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return { usageEnd: u?.end ?? null, ticketEnd: t?.end ? t.end.slice(0, 10) : null };
}

/**
 * A page of customers with seed 004's window aggregates: last = [end - days, end],
 * prior = [end - 2*days, end - days). Three plain queries joined here, so no plan depends on
 * table statistics: the customers, their usage (one equality probe per window day, as
 * `usage_daily` is keyed day first, each a range over the page's customers), and their
 * accounts' tickets (ticket signals are per account and apply to each of its customers).
 * In id order.
 */
export async function loadEarlyWarningPage(
  db: Db,
  orgId: number,
  page: CustomerPage,
  w: EarlyWarningWindows,
): Promise<EarlyWarningRow[]> {
  if (page.ids.length === 0) return [];
  const lastStart = addDays(w.usageEnd, -w.days);
  const priorStart = addDays(w.usageEnd, -2 * w.days);
  const days = Array.from({ length: 2 * w.days + 1 }, (_, i) => addDays(priorStart, i));
  const ticketStart = addDays(w.ticketEnd, -w.days);
  const ticketStop = addDays(w.ticketEnd, 1); // submitted_at may carry a time of day
  const k = db.kysely;

  const customers = await rawRows(
    db,
    k
      .selectFrom("customers as c")
      .select([
        "c.id",
        "c.account_id",
        "c.ordinal",
        "c.plan_tier",
        "c.arr",
        "c.is_trial",
        "c.signup_date",
        "c.seats",
        (eb) =>
          eb
            .selectFrom("subscriptions as s")
            .select((e) => e.fn.max("s.downgrade_flag").as("d"))
            .whereRef("s.org_id", "=", "c.org_id")
            .whereRef("s.customer_id", "=", "c.id")
            .as("downgrade"),
      ])
      .where("c.org_id", "=", orgId)
      .where(inPage(db, "c.id", page))
      .orderBy("c.id")
      .compile(),
  );
  const usage = await rawRows(
    db,
    k
      .selectFrom("usage_daily")
      .select([
        "customer_id",
        sql<number>`sum(case when day >= ${lastStart} then uses else 0 end)`.as("usage_last"),
        sql<number>`sum(case when day < ${lastStart} then uses else 0 end)`.as("usage_prior"),
        sql<number>`sum(case when day >= ${lastStart} then errors else 0 end)`.as("errors_last"),
      ])
      .where("org_id", "=", orgId)
      .where("day", "in", days)
      .where(inPage(db, "customer_id", page))
      .groupBy("customer_id")
      .compile(),
  );
  const accounts = [...new Set(customers.map((r) => r[1] as string))];
  const tickets = await rawRows(
    db,
    k
      .selectFrom("tickets as tk")
      .leftJoin("ticket_analyses as a", (j) =>
        j.onRef("a.org_id", "=", "tk.org_id").onRef("a.ticket_id", "=", "tk.id"),
      )
      .select([
        "tk.account_id",
        sql<number>`count(*)`.as("tickets"),
        sql<number | null>`avg(tk.satisfaction)`.as("satisfaction"),
        sql<number>`max(tk.escalated)`.as("escalation"),
        sql<number>`sum(case when a.churn_intent = 1 then 1 else 0 end)`.as("churn_intent"),
      ])
      .where("tk.org_id", "=", orgId)
      .where(db.driver.inTextList("tk.account_id", accounts))
      .where("tk.submitted_at", ">=", ticketStart)
      .where("tk.submitted_at", "<", ticketStop)
      .groupBy("tk.account_id")
      .compile(),
  );
  const usageOf = new Map(usage.map((r) => [r[0] as string, r]));
  const ticketsOf = new Map(tickets.map((r) => [r[0] as string, r]));
  const out = new Array<EarlyWarningRow>(customers.length);
  for (let i = 0; i < customers.length; i++) {
    const r = customers[i]!;
    const u = usageOf.get(r[0] as string);
    const t = ticketsOf.get(r[1] as string);
    out[i] = {
      customerId: r[0] as string,
      accountId: r[1] as string,
      ordinal: Number(r[2]),
      planTier: (r[3] as string | null) ?? null,
      arr: Number(r[4]),
      signupDate: (r[6] as string | null) ?? null,
      seats: r[7] === null ? null : Number(r[7]),
      signals: {
        isTrial: Number(r[5]) === 1,
        downgrade: Number(r[8]) === 1,
        usageLast: u ? Number(u[1] ?? 0) : 0,
        usagePrior: u ? Number(u[2] ?? 0) : 0,
        errors: u ? Number(u[3] ?? 0) : 0,
        tickets: t ? Number(t[1] ?? 0) : 0,
        satisfaction: !t || t[2] === null ? null : Number(t[2]),
        escalation: t ? Number(t[3] ?? 0) === 1 : false,
        churnIntent: t ? Number(t[4] ?? 0) : 0, // analyzed tickets flagged with churn intent in the window
      },
    };
  }
  return out;
}

/** The accounts, of those given, with a churn event up to `asOf` (null: any), for report labels. */
export async function churnedAccounts(
  db: Db,
  orgId: number,
  accounts: readonly string[],
  asOf: string | null,
): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  const rows = await db.kysely
    .selectFrom("churn_events")
    .select("account_id")
    .distinct()
    .where("org_id", "=", orgId)
    .where(db.driver.inTextList("account_id", accounts))
    .where("churn_date", "<=", asOf ?? "9999-12-31")
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

/** How often each churn reason code was recorded (events up to `asOf` when given). */
export async function churnReasonCounts(
  db: Db,
  orgId: number,
  asOf: string | null,
): Promise<Record<string, number>> {
  const rows = await db.kysely
    .selectFrom("churn_events")
    .select(["reason_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("churn_date", "<=", asOf ?? "9999-12-31")
    .where("reason_code", "is not", null)
    .groupBy("reason_code")
    .execute();
  const sorted = rows
    .map((r) => [r.reason_code as string, Number(r.n)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(sorted);
}
