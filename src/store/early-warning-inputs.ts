import { sql } from "kysely";
import type { EarlyWarningSignals } from "../core/early-warning/signals.ts";
import { addDays } from "../core/util/dates.ts";
import type { Db } from "./open-store.ts";
import { rawRows } from "./raw-rows.ts";

/** One customer's facts for the early-warning rules, aggregated over the windows. */
export interface EarlyWarningInput extends EarlyWarningSignals {
  customerId: string;
  ordinal: number;
  planTier: string | null;
  arr: number;
  churned: boolean;
}

export interface InputWindows {
  /** Last day of the usage window and of the ticket window (inclusive). */
  usageEnd: string;
  ticketEnd: string;
  days: number;
  /** Count a customer as churned only for churn events up to this day (null: all events). */
  labelAsOf: string | null;
}

/** The latest usage day and ticket day in the org's data (the default as-of dates). */
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
 * Seed 004's windows: last = [end - days, end], prior = [end - 2*days, end - days).
 * Ticket signals are per account and apply to each of the account's customers.
 */
export async function loadEarlyWarningInputs(
  db: Db,
  orgId: number,
  w: InputWindows,
): Promise<EarlyWarningInput[]> {
  const lastStart = addDays(w.usageEnd, -w.days);
  const priorStart = addDays(w.usageEnd, -2 * w.days);
  const ticketStart = addDays(w.ticketEnd, -w.days);
  const ticketStop = addDays(w.ticketEnd, 1); // submitted_at may carry a time of day
  const labelAsOf = w.labelAsOf ?? "9999-12-31";
  const query = sql`
    with u as (
      select customer_id,
        sum(case when day >= ${lastStart} then uses else 0 end) as usage_last,
        sum(case when day < ${lastStart} then uses else 0 end) as usage_prior,
        sum(case when day >= ${lastStart} then errors else 0 end) as errors_last
      from usage_daily
      where org_id = ${orgId} and day >= ${priorStart} and day <= ${w.usageEnd}
      group by customer_id
    ), t as (
      select tk.account_id, count(*) as tickets, avg(tk.satisfaction) as satisfaction,
        max(tk.escalated) as escalation,
        sum(case when a.churn_intent = 1 then 1 else 0 end) as churn_intent
      from tickets tk
        left join ticket_analyses a on a.org_id = tk.org_id and a.ticket_id = tk.id
      where tk.org_id = ${orgId} and tk.submitted_at >= ${ticketStart} and tk.submitted_at < ${ticketStop}
        and tk.account_id is not null
      group by tk.account_id
    )
    select c.id, c.ordinal, c.plan_tier, c.arr, c.is_trial,
      (select max(s.downgrade_flag) from subscriptions s
        where s.org_id = c.org_id and s.customer_id = c.id) as downgrade,
      case when exists (
        select 1 from churn_events e
        where e.org_id = c.org_id and e.account_id = c.account_id and e.churn_date <= ${labelAsOf}
      ) then 1 else 0 end as churned,
      u.usage_last, u.usage_prior, u.errors_last, t.tickets, t.satisfaction, t.escalation, t.churn_intent
    from customers c
      left join u on u.customer_id = c.id
      left join t on t.account_id = c.account_id
    where c.org_id = ${orgId}
    order by c.id
  `.compile(db.kysely);
  const rows = await rawRows(db, query);
  const out = new Array<EarlyWarningInput>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = {
      customerId: r[0] as string,
      ordinal: Number(r[1]),
      planTier: (r[2] as string | null) ?? null,
      arr: Number(r[3]),
      isTrial: Number(r[4]) === 1,
      downgrade: Number(r[5]) === 1,
      churned: Number(r[6]) === 1,
      usageLast: Number(r[7] ?? 0),
      usagePrior: Number(r[8] ?? 0),
      errors: Number(r[9] ?? 0),
      tickets: Number(r[10] ?? 0),
      satisfaction: r[11] === null ? null : Number(r[11]),
      escalation: Number(r[12] ?? 0) === 1,
      churnIntent: Number(r[13] ?? 0), // analyzed tickets flagged with churn intent in the window
    };
  }
  return out;
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
