import { type Kysely, type SqlBool, sql } from "kysely";
import type { Book } from "../core/customers/list-filters.ts";
import { HoldfastError } from "../core/errors.ts";
import { driverBit, driversColumn, levelColumn } from "./customer-levels.ts";
import type { Db } from "./open-store.ts";

export const EARLY_WARNING = "early_warning";

export interface CustomerFilter {
  /** The headline score kind: the list's risk score, level, sort and drivers. */
  headline: string;
  /** live (default: status not churned, a null status counts as live), churned or all. */
  book?: Book | undefined;
  status?: string | undefined;
  planTier?: string | undefined;
  riskLevel?: string | undefined;
  minArr?: number | undefined;
  q?: string | undefined;
  /** A reason kind the headline score's reasons contain (the Drivers report's keys). */
  driver?: string | undefined;
  /** Current level per score kind, e.g. {lifecycle_stage: "at_risk", churn_risk: "high"}. */
  levels?: Record<string, string> | undefined;
  /** Only customers with a headline score (true) or without one (false): the two runs of a risk sort. */
  scored?: boolean | undefined;
}

export type SortKey = "risk_score" | "arr" | "customer_id" | "account_name" | "plan_tier";

export interface CustomerRow {
  customer_id: string;
  account_id: string;
  account_name: string | null;
  plan_tier: string | null;
  arr: number;
  status: string | null;
  churn_date: string | null;
  churned: boolean;
  risk_score: number | null;
  risk_level: string | null;
  top_reasons: string[];
}

/**
 * Each sort is a list of columns walked in one direction ("-key" descending), so a page after a
 * cursor is a row-value range, `(a, b, c) < (a0, b0, c0)`, that both stores seek to in an index.
 * Ties end with the customer id, so every order is total.
 */
const ORDER: Record<SortKey, readonly string[]> = {
  risk_score: ["s.score", "s.arr", "s.customer_id"],
  arr: ["c.arr", "c.id"],
  customer_id: ["c.id"],
  account_name: ["c.account_name", "c.id"],
  plan_tier: ["c.plan_tier", "c.id"],
};

function orderOf(sort: string): { key: SortKey; cols: readonly string[]; dir: "asc" | "desc" } {
  const key = sort.replace(/^-/, "") as SortKey;
  return { key, cols: ORDER[key], dir: sort.startsWith("-") ? "desc" : "asc" };
}

/** The org's customers, each with its current score of one kind when it has one. */
function customersWithScore(db: Db, orgId: number, kind: string = EARLY_WARNING) {
  return db.kysely
    .selectFrom("customers as c")
    .leftJoin("scores as s", (j) =>
      j.onRef("s.org_id", "=", "c.org_id").onRef("s.customer_id", "=", "c.id").on("s.kind", "=", kind),
    )
    .where("c.org_id", "=", orgId);
}

type CustomerQuery = ReturnType<typeof customersWithScore>;

const escapeLike = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);

/** A reason kind inside the comma-wrapped `reason_kinds` column (",usage,trial,"). */
export const hasReasonKind = (col: string, kind: string) =>
  sql<SqlBool>`${sql.ref(col)} like ${`%,${kind},%`}`;

/** The customer's headline drivers (a bitmask column, customer-levels.ts) contain this one. */
function hasDriver(headline: string, driver: string) {
  const bit = driverBit(headline, driver);
  if (bit < 0) throw new Error(`${driver} is not a ${headline} driver`);
  return sql<SqlBool>`(${sql.ref(column(driversColumn(headline), headline))} & ${1 << bit}) <> 0`;
}

/** A facet column of `c` (customer-levels.ts), refused when the kind has none (a programming error). */
function column(name: string | null, kind: string): string {
  if (name === null) throw new Error(`no customer list column for score kind ${kind}`);
  return `c.${name}`;
}

/**
 * The filter as conditions on `c` (customers, with each listed kind's current level and the
 * headline drivers on the row: customer-levels.ts) and, when `withS`, `s` (the headline score,
 * whose level conditions let a list walk its rank index).
 */
function conditions(f: CustomerFilter, withS: boolean) {
  const out: ReturnType<typeof sql<SqlBool>>[] = [];
  const book = f.book ?? "live";
  if (book === "live") out.push(sql<SqlBool>`(c.status is null or c.status <> 'churned')`);
  if (book === "churned") out.push(sql<SqlBool>`c.status = 'churned'`);
  if (f.status !== undefined) out.push(sql<SqlBool>`c.status = ${f.status}`);
  if (f.planTier !== undefined) out.push(sql<SqlBool>`c.plan_tier = ${f.planTier}`);
  if (f.minArr !== undefined) out.push(sql<SqlBool>`c.arr >= ${f.minArr}`);
  if (f.riskLevel !== undefined) {
    const col = withS ? "s.level" : column(levelColumn(f.headline), f.headline);
    out.push(sql<SqlBool>`${sql.ref(col)} = ${f.riskLevel}`);
  }
  if (f.driver !== undefined) out.push(hasDriver(f.headline, f.driver));
  if (f.scored === true) out.push(sql<SqlBool>`s.score is not null`);
  if (f.scored === false) out.push(sql<SqlBool>`s.score is null`);
  for (const [kind, level] of Object.entries(f.levels ?? {})) {
    out.push(sql<SqlBool>`${sql.ref(column(levelColumn(kind), kind))} = ${level}`);
  }
  if (f.q !== undefined) {
    const like = `%${escapeLike(f.q)}%`;
    out.push(
      sql<SqlBool>`(lower(c.id) like ${like} escape '\\' or lower(c.account_id) like ${like} escape '\\' or lower(coalesce(c.account_name, '')) like ${like} escape '\\')`,
    );
  }
  return out;
}

/** Whether a list walk starts from the headline's scores (its rank index drives the walk). */
const readsScore = (f: CustomerFilter) =>
  f.scored === true || f.riskLevel !== undefined || f.driver !== undefined;

/**
 * The org's customers that pass the filter, as `c` with the headline score as `s`. A filter on
 * the score starts from the scores so the risk index drives the walk (SQLite keeps a LEFT JOIN
 * as written, which would sort every customer for each page); `withScore: false` reads the
 * customers alone (counts: every filter is a column of the row).
 */
export function filteredCustomers(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  opts: { withScore: boolean; fromCells?: boolean } = { withScore: true },
): CustomerQuery {
  let q: CustomerQuery;
  if (opts.fromCells) {
    // The facet cells (migration 019) carry the filter's facet columns under the same names.
    const k = db.kysely as unknown as Kysely<Record<string, Record<string, unknown>>>;
    q = k.selectFrom("customer_facet_cells as c").where("c.org_id", "=", orgId) as unknown as CustomerQuery;
  } else if (!opts.withScore) {
    q = db.kysely.selectFrom("customers as c").where("c.org_id", "=", orgId) as unknown as CustomerQuery;
  } else if (readsScore(f)) {
    q = db.kysely
      .selectFrom("scores as s")
      .innerJoin("customers as c", (j) =>
        j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
      )
      .where("s.org_id", "=", orgId)
      .where("s.kind", "=", f.headline) as unknown as CustomerQuery;
  } else {
    q = customersWithScore(db, orgId, f.headline);
  }
  for (const cond of conditions(f, opts.withScore)) q = q.where(cond);
  return q;
}

/** How many customers pass the filter and their ARR (the whole filtered set, not a page). */
export async function customerTotals(
  db: Db,
  orgId: number,
  f: CustomerFilter,
): Promise<{ customers: number; arr: number }> {
  const row = await filteredCustomers(db, orgId, f, { withScore: false })
    .select([sql<number>`count(*)`.as("customers"), sql<number>`coalesce(sum(c.arr), 0)`.as("arr")])
    .executeTakeFirstOrThrow();
  return { customers: Number(row.customers), arr: Number(row.arr) };
}

export const encodeCursor = (values: unknown[]): string =>
  Buffer.from(JSON.stringify(values)).toString("base64url");

/** The type of each sort column, which a cursor's value for it must have. */
const NUMERIC_COLUMNS = new Set(["s.score", "s.arr", "c.arr"]);

/**
 * A cursor's values, checked against the sort's columns before they reach SQL: one value per
 * column, a finite number for a numeric column and a string without NUL for a text one (else
 * PostgreSQL refuses the comparison, 22P02 or 22021, and the request would fail with 500).
 */
function decodeCursor(cursor: string, cols: readonly string[], alt?: readonly string[]): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && alt && v.length === alt.length && v.length !== cols.length) cols = alt;
    if (
      Array.isArray(v) &&
      v.length === cols.length &&
      v.every((x, i) =>
        NUMERIC_COLUMNS.has(cols[i]!)
          ? typeof x === "number" && Number.isFinite(x)
          : typeof x === "string" && !x.includes("\u0000"),
      )
    )
      return v;
  } catch {
    // reported below
  }
  throw new HoldfastError("invalid_input", "cursor is not valid; pass the next_cursor of the previous page");
}

/** The unscored run of a risk sort: customers without a headline score, largest ARR first. */
const UNSCORED_ORDER: readonly string[] = ["c.arr", "c.id"];

/**
 * One page of the org's customers with their current headline score, filtered and sorted, after
 * `cursor` (keyset pagination: a deep page costs the same as the first). A risk sort walks two
 * runs: scored customers by (score, ARR at scoring, id), then (descending; before, ascending)
 * those without a score by (ARR, id); a cursor of the second run has two values.
 */
export async function listCustomers(
  db: Db,
  orgId: number,
  opts: { filter: CustomerFilter; sort: string; limit: number; cursor?: string | undefined },
): Promise<{ items: CustomerRow[]; nextCursor: string | null }> {
  const { key, cols, dir } = orderOf(opts.sort);
  const want = opts.limit + 1;
  let rows: CustomerRow[];
  if (key !== "risk_score") {
    rows = await walk(db, orgId, opts.filter, cols, dir, want, opts.cursor);
  } else {
    // Unscored customers have no level and no driver: a filter on either leaves them out.
    const unscoredToo = opts.filter.riskLevel === undefined && opts.filter.driver === undefined;
    const after = opts.cursor ? decodeCursor(opts.cursor, cols, UNSCORED_ORDER) : undefined;
    const cursorInUnscored = after?.length === UNSCORED_ORDER.length;
    const scored = { filter: { ...opts.filter, scored: true }, cols, unscored: false };
    const unscored = { filter: { ...opts.filter, scored: false }, cols: UNSCORED_ORDER, unscored: true };
    const runs = dir === "desc" ? [scored, unscored] : [unscored, scored];
    let started = after === undefined;
    rows = [];
    for (const run of runs) {
      const here = !started && run.unscored === cursorInUnscored;
      if (!started && !here) continue;
      started = true;
      if (run.unscored && !unscoredToo) continue;
      const cursor = here ? opts.cursor : undefined;
      rows.push(...(await walk(db, orgId, run.filter, run.cols, dir, want - rows.length, cursor)));
      if (rows.length >= want) break;
    }
  }
  const items = rows.slice(0, opts.limit);
  let nextCursor: string | null = null;
  if (rows.length > opts.limit) {
    const last = items.at(-1)!;
    const value = (col: string): unknown =>
      ({
        "s.score": last.risk_score,
        "s.arr": last.arr,
        "s.customer_id": last.customer_id,
        "c.arr": last.arr,
        "c.id": last.customer_id,
        "c.account_name": last.account_name,
        "c.plan_tier": last.plan_tier,
      })[col];
    const values = (key === "risk_score" && last.risk_score === null ? UNSCORED_ORDER : cols).map(value);
    // Null names or tiers cannot be compared past; such rows end the keyset walk.
    nextCursor = values.some((v) => v === null) ? null : encodeCursor(values);
  }
  return { items, nextCursor };
}

/** Up to `limit` filtered customers in `cols` order after `cursor` (one keyset walk). */
async function walk(
  db: Db,
  orgId: number,
  f: CustomerFilter,
  cols: readonly string[],
  dir: "asc" | "desc",
  limit: number,
  cursor: string | undefined,
): Promise<CustomerRow[]> {
  let q = filteredCustomers(db, orgId, f).select([
    "c.id as customer_id",
    "c.account_id",
    "c.account_name",
    "c.plan_tier",
    "c.arr",
    "c.status",
    "c.churn_date",
    "s.score as risk_score",
    "s.level as risk_level",
    "s.top_reasons",
  ]);
  if (cursor) {
    const after = decodeCursor(cursor, cols);
    const refs = sql.join(cols.map((c) => sql.ref(c)));
    const values = sql.join(after.map((v) => sql.val(v)));
    q = q.where(
      dir === "asc" ? sql<SqlBool>`(${refs}) > (${values})` : sql<SqlBool>`(${refs}) < (${values})`,
    );
  }
  for (const col of cols) q = q.orderBy(sql.ref(col), dir);
  const rows = await q.limit(limit).execute();
  return rows.map((r) => ({
    customer_id: r.customer_id,
    account_id: r.account_id,
    account_name: r.account_name,
    plan_tier: r.plan_tier,
    arr: Number(r.arr),
    status: r.status,
    churn_date: r.churn_date,
    churned: r.status === "churned",
    risk_score: r.risk_score === null ? null : Number(r.risk_score),
    risk_level: r.risk_level,
    top_reasons: r.top_reasons ? (JSON.parse(r.top_reasons) as string[]) : [],
  }));
}

/** The plan tiers this workspace knows: its plan catalog's and its customers' (sorted). */
export async function knownPlanTiers(db: Db, orgId: number): Promise<string[]> {
  const plans = await db.kysely.selectFrom("plans").select("tier").where("org_id", "=", orgId).execute();
  const used = await db.kysely
    .selectFrom("customers")
    .select("plan_tier")
    .distinct()
    .where("org_id", "=", orgId)
    .where("plan_tier", "is not", null)
    .execute();
  return [...new Set([...plans.map((p) => p.tier), ...used.map((u) => u.plan_tier!)])].sort();
}

/** Whether a plan tier is in the org's catalog or on one of its customers. */
export async function isKnownPlanTier(db: Db, orgId: number, tier: string): Promise<boolean> {
  const plan = await db.kysely
    .selectFrom("plans")
    .select("tier")
    .where("org_id", "=", orgId)
    .where("tier", "=", tier)
    .executeTakeFirst();
  if (plan) return true;
  const used = await db.kysely
    .selectFrom("customers")
    .select("id")
    .where("org_id", "=", orgId)
    .where("plan_tier", "=", tier)
    .limit(1)
    .executeTakeFirst();
  return used !== undefined;
}

export async function getCustomer(db: Db, orgId: number, id: string) {
  return customersWithScore(db, orgId)
    .where("c.id", "=", id)
    .select([
      "c.id",
      "c.account_id",
      "c.account_name",
      "c.plan_tier",
      "c.arr",
      "c.industry",
      "c.country",
      "c.signup_date",
      "c.seats",
      "c.is_trial",
      "s.score",
      "s.level",
      "s.as_of",
      "s.computed_at",
      "s.reasons",
      "s.top_reasons",
      "s.actions",
      "s.signals",
      "c.owner",
      "c.status",
      "c.churn_date",
      "c.churn_reason",
      "c.lost_arr",
      // The one status (core/customers/status.ts); the seed's churn label is churn_flag / churn_events.
      sql<number>`case when c.status = 'churned' then 1 else 0 end`.as("churned"),
    ])
    .executeTakeFirst();
}

/**
 * The given customers and every other customer of their accounts (sorted): account-level
 * signals (the early-warning ticket window) move for all of them together.
 */
export async function withAccountSiblings(db: Db, orgId: number, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const accounts = db.kysely
    .selectFrom("customers")
    .select("account_id")
    .where("org_id", "=", orgId)
    .where(db.driver.inTextList("id", ids));
  const rows = await db.kysely
    .selectFrom("customers")
    .select("id")
    .where("org_id", "=", orgId)
    .where("account_id", "in", accounts)
    .execute();
  return [...new Set([...ids, ...rows.map((r) => r.id)])].sort();
}
