import { type SqlBool, sql } from "kysely";
import { HoldfastError } from "../core/errors.ts";
import type { Db } from "./open-store.ts";

export const EARLY_WARNING = "early_warning";

export interface CustomerFilter {
  planTier?: string | undefined;
  riskLevel?: string | undefined;
  minArr?: number | undefined;
  churned?: boolean | undefined;
  q?: string | undefined;
  /** Current level per score kind, e.g. {lifecycle_stage: "at_risk", churn_risk: "high"}. */
  levels?: Record<string, string> | undefined;
}

export type SortKey = "risk_score" | "arr" | "customer_id" | "account_name" | "plan_tier";

export interface CustomerRow {
  customer_id: string;
  account_id: string;
  account_name: string | null;
  plan_tier: string | null;
  arr: number;
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

/** The org's customers, each with its current early-warning score when it has one. */
function customersWithScore(db: Db, orgId: number) {
  return db.kysely
    .selectFrom("customers as c")
    .leftJoin("scores as s", (j) =>
      j
        .onRef("s.org_id", "=", "c.org_id")
        .onRef("s.customer_id", "=", "c.id")
        .on("s.kind", "=", EARLY_WARNING),
    )
    .where("c.org_id", "=", orgId);
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
function decodeCursor(cursor: string, cols: readonly string[]): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
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

const escapeLike = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * One page of the org's customers with their current early-warning score, filtered and sorted,
 * after `cursor` (keyset pagination: a deep page costs the same as the first). Risk sorts and
 * the risk-level filter list scored customers only.
 */
export async function listCustomers(
  db: Db,
  orgId: number,
  opts: { filter: CustomerFilter; sort: string; limit: number; cursor?: string | undefined },
): Promise<{ items: CustomerRow[]; nextCursor: string | null }> {
  const { key, cols, dir } = orderOf(opts.sort);
  const f = opts.filter;
  const scoredOnly = key === "risk_score" || f.riskLevel !== undefined;
  const churnedExpr = sql<number>`exists (select 1 from churn_events e where e.org_id = c.org_id and e.account_id = c.account_id)`;
  const select = [
    "c.id as customer_id",
    "c.account_id",
    "c.account_name",
    "c.plan_tier",
    "c.arr",
    "s.score as risk_score",
    "s.level as risk_level",
    "s.top_reasons",
    churnedExpr.as("churned"),
  ] as const;
  const all = customersWithScore(db, orgId).select(select);
  // Scored customers only: start from the scores so the risk index drives the walk (SQLite
  // keeps a LEFT JOIN as written, which would sort every customer for each page).
  const scored = db.kysely
    .selectFrom("scores as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.kind", "=", EARLY_WARNING)
    .select(select);
  let q = scoredOnly ? (scored as unknown as typeof all) : all;
  if (f.planTier !== undefined) q = q.where("c.plan_tier", "=", f.planTier);
  if (f.riskLevel !== undefined) q = q.where("s.level", "=", f.riskLevel);
  if (f.minArr !== undefined) q = q.where("c.arr", ">=", f.minArr);
  for (const [kind, level] of Object.entries(f.levels ?? {})) {
    q = q.where(
      sql<SqlBool>`exists (select 1 from scores k where k.org_id = c.org_id and k.kind = ${kind} and k.customer_id = c.id and k.level = ${level})`,
    );
  }
  if (f.churned !== undefined)
    q = q.where(f.churned ? sql<SqlBool>`${churnedExpr}` : sql<SqlBool>`not ${churnedExpr}`);
  if (f.q !== undefined) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(c.id) like ${like} escape '\\'`,
        sql<SqlBool>`lower(c.account_id) like ${like} escape '\\'`,
        sql<SqlBool>`lower(coalesce(c.account_name, '')) like ${like} escape '\\'`,
      ]),
    );
  }
  if (opts.cursor) {
    const after = decodeCursor(opts.cursor, cols);
    const refs = sql.join(cols.map((c) => sql.ref(c)));
    const values = sql.join(after.map((v) => sql.val(v)));
    q = q.where(
      dir === "asc" ? sql<SqlBool>`(${refs}) > (${values})` : sql<SqlBool>`(${refs}) < (${values})`,
    );
  }
  for (const col of cols) q = q.orderBy(sql.ref(col), dir);
  const rows = await q.limit(opts.limit + 1).execute();
  const page = rows.slice(0, opts.limit);
  const items = page.map((r) => ({
    customer_id: r.customer_id,
    account_id: r.account_id,
    account_name: r.account_name,
    plan_tier: r.plan_tier,
    arr: Number(r.arr),
    churned: Number(r.churned) === 1 || (r.churned as unknown) === true,
    risk_score: r.risk_score === null ? null : Number(r.risk_score),
    risk_level: r.risk_level,
    top_reasons: r.top_reasons ? (JSON.parse(r.top_reasons) as string[]) : [],
  }));
  let nextCursor: string | null = null;
  if (rows.length > opts.limit) {
    const last = page.at(-1)!;
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
    const values = cols.map((col) => value(col));
    // Null names or tiers cannot be compared past; such rows end the keyset walk.
    nextCursor = values.some((v) => v === null) ? null : encodeCursor(values);
  }
  return { items, nextCursor };
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
      sql<number>`exists (select 1 from churn_events e where e.org_id = c.org_id and e.account_id = c.account_id)`.as(
        "churned",
      ),
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
