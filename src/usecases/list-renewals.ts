import { HoldfastError } from "../core/errors.ts";
import { daysBetween, renewalOf, termMonths } from "../core/subscriptions/renewal.ts";
import { addDays } from "../core/util/dates.ts";
import { duePage, dueTotals, renewalDatesFresh } from "../store/renewal-dates.ts";
import { openSubscriptions } from "../store/renewals.ts";
import type { UseCaseContext } from "./context.ts";
import { headlineKind } from "./headline.ts";
import { orgConfig } from "./org-config.ts";
import { reportAsOf } from "./report-as-of.ts";

export const RENEWAL_WINDOWS = [30, 60, 90] as const;
export type RenewalSort = "renewal_date" | "-arr" | "-risk_score";

export interface RenewalRow {
  subscription_id: string;
  customer_id: string;
  account_name: string | null;
  plan_tier: string;
  renewal_date: string;
  kind: "renewal" | "contract_end" | "trial_end";
  days_until: number;
  arr: number;
  auto_renew: boolean;
  owner: string | null;
  risk_score: number | null;
  risk_level: string | null;
}

export interface RenewalsInput {
  within: number;
  sort: RenewalSort;
  limit: number;
  cursor?: string | undefined;
  asOf?: string | undefined;
  /** Also list monthly billing anniversaries (default: only terms of a quarter or more, contract and trial ends). */
  includeMonthly?: boolean | undefined;
}

export interface RenewalsPage {
  as_of: string;
  within: number;
  headline: string;
  total: number;
  buckets: { within: number; subscriptions: number; arr: number }[];
  items: RenewalRow[];
  next_cursor: string | null;
}

/** Sort key of a row: the sort's columns, ending with the subscription id so the order is total. */
type Key = [string | number | null, ...(string | number | null)[]];

function keyOf(r: RenewalRow, sort: RenewalSort): Key {
  if (sort === "-arr") return [r.arr, r.renewal_date, r.subscription_id];
  if (sort === "-risk_score") return [r.risk_score, r.renewal_date, r.subscription_id];
  return [r.renewal_date, r.subscription_id];
}

/** Compares two keys of `sort`: the first column descending for -arr and -risk_score (nulls last). */
function compareKeys(a: Key, b: Key, sort: RenewalSort): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const c = x < y ? -1 : 1;
    return i === 0 && sort !== "renewal_date" ? -c : c;
  }
  return 0;
}

const encodeCursor = (k: Key) => Buffer.from(JSON.stringify(k)).toString("base64url");

function decodeCursor(cursor: string, sort: RenewalSort): Key {
  const width = sort === "renewal_date" ? 2 : 3;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === width &&
      v.every((x, i) =>
        i === 0 && sort !== "renewal_date"
          ? x === null || (typeof x === "number" && Number.isFinite(x))
          : typeof x === "string",
      )
    )
      return v as Key;
  } catch {
    // reported below
  }
  throw new HoldfastError(
    "invalid_input",
    "cursor: not valid for this sort; pass the next_cursor of the previous page",
  );
}

/**
 * Every open subscription of a live customer renewing within 90 days of `asOf`, renewal date
 * first. A monthly subscription's billing anniversary is not a renewal a CS team works (it comes
 * every month); it is listed only with `includeMonthly`. Its contract end and trial end are.
 */
async function dueWithin90(ctx: UseCaseContext, orgId: number, asOf: string, includeMonthly: boolean) {
  const { config } = await orgConfig(ctx, orgId);
  const headline = headlineKind(config);
  const rows = await openSubscriptions(ctx.db, orgId, asOf, headline);
  const due: RenewalRow[] = [];
  for (const s of rows) {
    const r = renewalOf(
      {
        startDate: s.start_date,
        endDate: s.end_date,
        billingFrequency: s.billing_frequency,
        status: s.status,
        trialEnd: s.trial_end,
      },
      asOf,
    );
    if (!r || r.daysUntil > 90) continue;
    if (r.kind === "renewal" && termMonths(s.billing_frequency) < 3 && !includeMonthly) continue;
    due.push({
      subscription_id: s.subscription_id,
      customer_id: s.customer_id,
      account_name: s.account_name,
      plan_tier: s.plan_tier,
      renewal_date: r.date,
      kind: r.kind,
      days_until: r.daysUntil,
      arr: s.arr,
      auto_renew: s.auto_renew === 1,
      owner: s.owner,
      risk_score: s.risk_score,
      risk_level: s.risk_level,
    });
  }
  return { headline, due };
}

function checkInput(input: RenewalsInput): void {
  if (!(RENEWAL_WINDOWS as readonly number[]).includes(input.within))
    throw new HoldfastError("invalid_input", `within: ${input.within} is not one of 30, 60, 90 (days)`);
  if (!Number.isInteger(input.limit) || input.limit < 1)
    throw new HoldfastError("invalid_input", `limit: ${input.limit} is not a whole number from 1`);
}

/**
 * The Renewals view: open subscriptions of customers not churned renewing (or ending) within
 * `within` days of the as-of day, sorted, a page after `cursor`, with the 30/60/90-day buckets
 * (a bucket's count is the list's total for that `within`).
 */
export async function listRenewals(
  ctx: UseCaseContext,
  orgId: number,
  input: RenewalsInput,
): Promise<RenewalsPage> {
  checkInput(input);
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, input.sort);
  const asOf = await reportAsOf(ctx, orgId, input.asOf);
  // The refresh keeps each subscription's next renewal for its as-of day: then one indexed range
  // query pages the list; any other day (or a subscription written since) is computed here.
  if (await renewalDatesFresh(ctx.db, orgId, asOf)) return indexedRenewals(ctx, orgId, input, asOf, after);
  const { headline, due } = await dueWithin90(ctx, orgId, asOf, input.includeMonthly === true);
  const buckets = RENEWAL_WINDOWS.map((w) => {
    const inside = due.filter((r) => r.days_until <= w);
    return {
      within: w,
      subscriptions: inside.length,
      arr: Math.round(inside.reduce((sum, r) => sum + r.arr, 0) * 100) / 100,
    };
  });
  const keyed = due
    .filter((r) => r.days_until <= input.within)
    .map((row) => ({ row, key: keyOf(row, input.sort) }))
    .sort((a, b) => compareKeys(a.key, b.key, input.sort));
  const start = after ? keyed.findIndex((r) => compareKeys(r.key, after, input.sort) > 0) : 0;
  const from = start < 0 ? keyed.length : start;
  const items = keyed.slice(from, from + input.limit).map((r) => r.row);
  const more = from + input.limit < keyed.length;
  return {
    as_of: asOf,
    within: input.within,
    headline,
    total: keyed.length,
    buckets,
    items,
    next_cursor: more ? encodeCursor(keyOf(items[items.length - 1]!, input.sort)) : null,
  };
}

/** The Renewals page from the stored renewal dates (fresh for `asOf`): totals and one keyset page in SQL. */
async function indexedRenewals(
  ctx: UseCaseContext,
  orgId: number,
  input: RenewalsInput,
  asOf: string,
  after: Key | undefined,
): Promise<RenewalsPage> {
  const { config } = await orgConfig(ctx, orgId);
  const headline = headlineKind(config);
  const q = { asOf, until: addDays(asOf, 90), includeMonthly: input.includeMonthly === true, headline };
  const buckets = await dueTotals(
    ctx.db,
    orgId,
    q,
    RENEWAL_WINDOWS.map((w) => ({ within: w, until: addDays(asOf, w) })),
  );
  const inWindow = { ...q, until: addDays(asOf, input.within) };
  // One row more than the page says whether there is a next one.
  const limit = input.limit;
  const rows = await duePage(ctx.db, orgId, inWindow, input.sort, after, limit + 1);
  const items: RenewalRow[] = rows.slice(0, limit).map((s) => ({
    subscription_id: s.subscription_id,
    customer_id: s.customer_id,
    account_name: s.account_name,
    plan_tier: s.plan_tier,
    renewal_date: s.renewal_date,
    kind: s.renewal_kind as RenewalRow["kind"],
    days_until: daysBetween(asOf, s.renewal_date),
    arr: s.arr,
    auto_renew: s.auto_renew === 1,
    owner: s.owner,
    risk_score: s.risk_score,
    risk_level: s.risk_level,
  }));
  return {
    as_of: asOf,
    within: input.within,
    headline,
    total: buckets.find((b) => b.within === input.within)!.subscriptions,
    buckets,
    items,
    next_cursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!, input.sort)) : null,
  };
}

/** The whole list for `within` in the sort's order (for the CSV export). */
export async function allRenewals(
  ctx: UseCaseContext,
  orgId: number,
  input: Omit<RenewalsInput, "limit" | "cursor">,
): Promise<RenewalsPage> {
  return listRenewals(ctx, orgId, { ...input, limit: Number.MAX_SAFE_INTEGER });
}
