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
export function inPage(column: string, page: CustomerPage): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (page.contiguous) return sql<SqlBool>`${ref} >= ${page.ids[0]!} and ${ref} <= ${page.ids.at(-1)!}`;
  return sql<SqlBool>`${ref} in (${sql.join(page.ids.map((id) => sql.val(id)))})`;
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
 * prior = [end - 2*days, end - days). Usage is read with one equality probe per window day
 * (`usage_daily` is keyed day first), each then a range over the page's customers; ticket
 * signals are per account and apply to each of the account's customers. In id order.
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
  const days = Array.from({ length: 2 * w.days + 1 }, (_, i) => sql.val(addDays(priorStart, i)));
  const ticketStart = addDays(w.ticketEnd, -w.days);
  const ticketStop = addDays(w.ticketEnd, 1); // submitted_at may carry a time of day
  const query = sql`
    with u as (
      select customer_id,
        sum(case when day >= ${lastStart} then uses else 0 end) as usage_last,
        sum(case when day < ${lastStart} then uses else 0 end) as usage_prior,
        sum(case when day >= ${lastStart} then errors else 0 end) as errors_last
      from usage_daily
      where org_id = ${orgId} and day in (${sql.join(days)}) and ${inPage("customer_id", page)}
      group by customer_id
    ), t as (
      select tk.account_id, count(*) as tickets, avg(tk.satisfaction) as satisfaction,
        max(tk.escalated) as escalation,
        sum(case when a.churn_intent = 1 then 1 else 0 end) as churn_intent
      from tickets tk
        left join ticket_analyses a on a.org_id = tk.org_id and a.ticket_id = tk.id
      where tk.org_id = ${orgId}
        and tk.account_id in (select pc.account_id from customers pc where pc.org_id = ${orgId} and ${inPage("pc.id", page)})
        and tk.submitted_at >= ${ticketStart} and tk.submitted_at < ${ticketStop}
      group by tk.account_id
    )
    select c.id, c.account_id, c.ordinal, c.plan_tier, c.arr, c.is_trial, c.signup_date, c.seats,
      (select max(s.downgrade_flag) from subscriptions s
        where s.org_id = c.org_id and s.customer_id = c.id) as downgrade,
      u.usage_last, u.usage_prior, u.errors_last, t.tickets, t.satisfaction, t.escalation, t.churn_intent
    from customers c
      left join u on u.customer_id = c.id
      left join t on t.account_id = c.account_id
    where c.org_id = ${orgId} and ${inPage("c.id", page)}
    order by c.id
  `.compile(db.kysely);
  const rows = await rawRows(db, query);
  const out = new Array<EarlyWarningRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
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
        usageLast: Number(r[9] ?? 0),
        usagePrior: Number(r[10] ?? 0),
        errors: Number(r[11] ?? 0),
        tickets: Number(r[12] ?? 0),
        satisfaction: r[13] === null ? null : Number(r[13]),
        escalation: Number(r[14] ?? 0) === 1,
        churnIntent: Number(r[15] ?? 0), // analyzed tickets flagged with churn intent in the window
      },
    };
  }
  return out;
}

/** The page's customers whose account has a churn event up to `asOf` (null: any), for report labels. */
export async function churnedInPage(
  db: Db,
  orgId: number,
  page: CustomerPage,
  asOf: string | null,
): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom("customers as c")
    .select("c.id")
    .where("c.org_id", "=", orgId)
    .where(inPage("c.id", page))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("churn_events as e")
          .select(sql`1`.as("one"))
          .whereRef("e.org_id", "=", "c.org_id")
          .whereRef("e.account_id", "=", "c.account_id")
          .where("e.churn_date", "<=", asOf ?? "9999-12-31"),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
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
