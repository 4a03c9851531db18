import { sql } from "kysely";
import type { StatusResult } from "../core/customers/status.ts";
import type { ScoreChange } from "../core/scores/changes.ts";
import { SCORE_KINDS, type ScoreKind } from "../core/scores/kinds.ts";
import type { Scored } from "../core/scores/result.ts";
import type { Row } from "./bulk-upsert.ts";
import { writeCustomerLevels } from "./customer-levels.ts";
import type { Db } from "./open-store.ts";
import { insertScoreChanges } from "./score-changes.ts";
import { withTransaction } from "./transaction.ts";
import { writeBatch } from "./write-batch.ts";

/** Every kind computed for one customer (the page's customers come in id order). */
export interface CustomerScores {
  customerId: string;
  arr: number;
  results: Readonly<Record<ScoreKind, Scored>>;
}

export interface TransitionRow {
  customerId: string;
  day: string;
  from: string | null;
  to: string;
  reason: string;
}

/** What one step of a recompute stores, in one transaction. */
export interface ScoreWrite {
  asOf: string;
  computedAt: Date;
  configVersion: number;
  /** Why the scores were recomputed, recorded on each change. */
  cause: string;
  /** In customer id order. */
  customers: readonly CustomerScores[];
  transitions: readonly TransitionRow[];
  changes: readonly ScoreChange[];
  /** Customers whose status columns changed (status, churn date, reason, lost ARR). */
  statuses?: readonly StatusRow[] | undefined;
}

export interface StatusRow extends StatusResult {
  customerId: string;
}

/** Rows per status update statement (5 parameters each, far under both stores' limits). */
const STATUS_CHUNK = 500;

/** Writes customers' status columns: one `update ... from (values ...)` per chunk (both stores). */
async function writeStatuses(db: Db, orgId: number, rows: readonly StatusRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += STATUS_CHUNK) {
    const values = rows
      .slice(i, i + STATUS_CHUNK)
      .map(
        (r) =>
          sql`(cast(${r.customerId} as text), cast(${r.status} as text), cast(${r.churnDate} as text), cast(${r.churnReason} as text), cast(${r.lostArr} as double precision))`,
      );
    await sql`update customers set status = v.column2, churn_date = v.column3, churn_reason = v.column4, lost_arr = v.column5
      from (values ${sql.join(values)}) as v
      where customers.org_id = ${orgId} and customers.id = v.column1`.execute(db.kysely);
  }
}

const EMPTY = "[]";
const json = new WeakMap<readonly unknown[], string>();
/** JSON of an array; shared arrays (a quiet early warning's default action) are serialised once. */
function arrayJson(a: readonly unknown[]): string {
  if (a.length === 0) return EMPTY;
  if (!Object.isFrozen(a)) return JSON.stringify(a);
  let s = json.get(a);
  if (s === undefined) {
    s = JSON.stringify(a);
    json.set(a, s);
  }
  return s;
}

/** The JSON columns of a row; a shared (frozen) result, such as an unscored one, is serialised once. */
interface RowJson {
  reasons: string;
  top: string;
  actions: string;
  signals: string;
  reasonKinds: string;
}
const rowJsonCache = new WeakMap<Scored, RowJson>();
function rowJson(r: Scored): RowJson {
  const frozen = Object.isFrozen(r);
  let j = frozen ? rowJsonCache.get(r) : undefined;
  if (j) return j;
  j = {
    reasons: arrayJson(r.reasons),
    top: arrayJson(r.topReasons),
    actions: arrayJson(r.actions),
    signals: JSON.stringify({ signals: r.signals, detail: r.detail ?? null }),
    reasonKinds: reasonKinds(r),
  };
  if (frozen) rowJsonCache.set(r, j);
  return j;
}

/** Comma-wrapped reason kinds (",usage,trial,"), for driver counts without parsing JSON. */
function reasonKinds(r: Scored): string {
  if (r.reasons.length === 0) return "";
  let out = ",";
  for (const x of r.reasons) if (!out.includes(`,${x.kind},`)) out += `${x.kind},`;
  return out;
}

/**
 * Stores one step of a recompute in one transaction: each customer's current row per kind (one
 * shape for every kind: score, level, reasons, top reasons, actions, signals, config version),
 * the day's history row (recomputing the same day replaces it), lifecycle transitions, and the
 * score changes, and the customers' status columns that changed. Rows go in key order (kind, customer), so each kind extends one run of the B-tree.
 */
export async function saveScores(db: Db, orgId: number, w: ScoreWrite): Promise<void> {
  const at = w.computedAt.toISOString();
  const n = w.customers.length;
  // The top reasons in words, for the current row and the day's history row.
  const tops = new Array<string>(n * SCORE_KINDS.length);
  function* current(): Generator<Row> {
    let i = 0;
    for (const kind of SCORE_KINDS) {
      for (const c of w.customers) {
        const r = c.results[kind];
        const j = rowJson(r);
        tops[i++] = j.top;
        yield [
          kind,
          c.customerId,
          w.asOf,
          r.score,
          r.level,
          j.reasons,
          j.top,
          j.actions,
          j.signals,
          w.configVersion,
          at,
          j.reasonKinds,
          c.arr,
        ];
      }
    }
  }
  function* history(): Generator<Row> {
    let i = 0;
    for (const kind of SCORE_KINDS) {
      for (const c of w.customers) {
        const r = c.results[kind];
        yield [kind, c.customerId, w.asOf, r.score, r.level, tops[i++]];
      }
    }
  }
  function* moves(): Generator<Row> {
    for (const t of w.transitions) yield [t.customerId, t.day, t.from, t.to, t.reason];
  }
  await withTransaction(db, async (tx) => {
    await writeBatch(tx, orgId, {
      scores: current(),
      score_history: history(),
      lifecycle_transitions: moves(),
    });
    await insertScoreChanges(tx, orgId, w.changes, {
      cause: w.cause,
      configVersion: w.configVersion,
      at,
    });
    if (w.statuses && w.statuses.length > 0) await writeStatuses(tx, orgId, w.statuses);
    await writeCustomerLevels(tx, orgId, w.customers);
  });
}

/** Whether the org has any current score (its first scoring is the baseline of its changes). */
export async function hasScores(db: Db, orgId: number): Promise<boolean> {
  const r = await db.kysely
    .selectFrom("scores")
    .select("customer_id")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function countScores(db: Db, orgId: number, kind: string): Promise<number> {
  const r = await db.kysely
    .selectFrom("scores")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
