import { sql } from "kysely";
import { type MrrChange, mrrCause, mrrLogFromSpans } from "../core/report/mrr-log.ts";
import type { RowTable } from "./dialect/dialect.ts";
import type { Db } from "./open-store.ts";
import { rq } from "./retention/tables.ts";

/** The source prefix of rows an import rebuilds from subscription spans (`import:<day>`; events write their event id). */
const IMPORT_SOURCE = "import";

/** One move of live MRR as the billing lifecycle reports it (core/subscriptions/state.ts). */
export interface MrrMove {
  customerId: string;
  day: string;
  from: number;
  to: number;
  eventId: string | null;
}

const CHUNK = 400;

/** The log's rows for the bulk insert (key: customer, source; a repeated key is ignored). */
const MRR_CHANGES: RowTable = {
  name: "mrr_changes",
  key: ["customer_id", "source"],
  columns: [
    { name: "customer_id", type: "text" },
    { name: "source", type: "text" },
    { name: "at", type: "text" },
    { name: "ord", type: "integer" },
    { name: "from_mrr", type: "real" },
    { name: "to_mrr", type: "real" },
    { name: "cause", type: "text" },
  ],
};

async function insertRows(
  tx: Db,
  orgId: number,
  rows: readonly (MrrChange & { source: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.driver.insertNew(
    MRR_CHANGES,
    orgId,
    rows.map((r) => [r.customerId, r.source, r.at, r.ord, r.fromMrr, r.toMrr, r.cause]),
  );
}

/**
 * Logs the MRR moves of an event batch (in the batch's transaction), after each customer's
 * earlier moves: a move from nothing is a reactivation when the customer paid before.
 */
export async function appendMrrMoves(tx: Db, orgId: number, moves: readonly MrrMove[]): Promise<void> {
  if (moves.length === 0) return;
  const customers = [...new Set(moves.map((m) => m.customerId))].sort();
  const prior = new Map<string, { ord: number; paid: boolean }>();
  for (let i = 0; i < customers.length; i += CHUNK) {
    const rows = await rq(tx)
      .selectFrom("mrr_changes")
      .select((e) => [
        "customer_id",
        e.fn.max("ord").as("ord"),
        e.fn.max(sql<number>`case when to_mrr > 0 then 1 else 0 end`).as("paid"),
      ])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", customers.slice(i, i + CHUNK))
      .groupBy("customer_id")
      .execute();
    for (const r of rows) prior.set(r.customer_id, { ord: Number(r.ord), paid: Number(r.paid) === 1 });
  }
  const out: (MrrChange & { source: string })[] = [];
  // A customer whose MRR predates its first logged move (written by an upsert or an older store):
  // its log opens with the MRR it had, from the start of its earliest paid subscription.
  const first = new Map<string, MrrMove>();
  for (const m of moves) if (!prior.has(m.customerId) && !first.has(m.customerId)) first.set(m.customerId, m);
  const opening = new Map([...first].filter(([, m]) => m.from > 0));
  const openingIds = [...opening.keys()];
  for (let i = 0; i < openingIds.length; i += CHUNK) {
    const rows = await rq(tx)
      .selectFrom("subscriptions")
      .select((e) => ["customer_id", e.fn.min("start_date").as("start")])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", openingIds.slice(i, i + CHUNK))
      .where("mrr", ">", 0)
      .groupBy("customer_id")
      .execute();
    const starts = new Map(rows.map((r) => [r.customer_id, r.start]));
    for (const id of openingIds.slice(i, i + CHUNK)) {
      const m = opening.get(id)!;
      const start = starts.get(id);
      const at = start && start <= m.day ? start : m.day;
      out.push({ customerId: id, at, ord: 0, fromMrr: 0, toMrr: m.from, cause: "new", source: "opening" });
      prior.set(id, { ord: 0, paid: true });
    }
  }
  for (const m of moves) {
    const p = prior.get(m.customerId) ?? { ord: -1, paid: false };
    const cause = mrrCause(m.from, m.to, p.paid);
    if (!cause) continue;
    p.ord += 1;
    if (m.to > 0) p.paid = true;
    prior.set(m.customerId, p);
    out.push({
      customerId: m.customerId,
      at: m.day,
      ord: p.ord,
      fromMrr: m.from,
      toMrr: m.to,
      cause,
      source: m.eventId ?? `event:${m.day}:${p.ord}`,
    });
  }
  await insertRows(tx, orgId, out);
}

/**
 * Rebuilds the log of imported customers from their subscription spans (an import's history),
 * in the import's transaction: the rows an earlier import wrote are replaced, so a re-import
 * writes the same log. Customers whose billing events wrote moves keep their log as it is.
 * Returns the number of rows written.
 */
export async function rebuildImportedMrrLog(tx: Db, orgId: number): Promise<number> {
  // A customer whose billing events logged moves keeps its whole log (the import rows included).
  await rq(tx)
    .deleteFrom("mrr_changes as d")
    .where("d.org_id", "=", orgId)
    .where("d.source", "like", `${IMPORT_SOURCE}:%`)
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom("mrr_changes as e")
            .select("e.customer_id")
            .whereRef("e.org_id", "=", "d.org_id")
            .whereRef("e.customer_id", "=", "d.customer_id")
            .where("e.source", "not like", `${IMPORT_SOURCE}:%`),
        ),
      ),
    )
    .execute();
  const spans = await rq(tx)
    .selectFrom("subscriptions as s")
    .select(["s.customer_id", "s.start_date", "s.end_date", "s.mrr"])
    .where("s.org_id", "=", orgId)
    .where("s.mrr", ">", 0)
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom("mrr_changes as m")
            .select("m.customer_id")
            .whereRef("m.org_id", "=", "s.org_id")
            .whereRef("m.customer_id", "=", "s.customer_id"),
        ),
      ),
    )
    .execute();
  const log = mrrLogFromSpans(
    spans.map((s) => ({
      customerId: s.customer_id,
      startDate: s.start_date,
      endDate: s.end_date,
      mrr: Number(s.mrr),
    })),
  );
  // One source per customer and day: a customer moves at most once a day in a rebuilt log.
  await insertRows(
    tx,
    orgId,
    log.map((c) => ({ ...c, source: `${IMPORT_SOURCE}:${c.at}` })),
  );
  return log.length;
}

/** Does the org have an MRR log (else retention reads subscription spans)? */
export async function hasMrrLog(db: Db, orgId: number): Promise<boolean> {
  const row = await rq(db)
    .selectFrom("mrr_changes")
    .select("customer_id")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every logged move of the org on or before `to` (the MRR each customer had on any day up to it). */
export async function mrrLogUpTo(db: Db, orgId: number, to: string): Promise<MrrChange[]> {
  const rows = await rq(db)
    .selectFrom("mrr_changes")
    .select(["customer_id", "at", "ord", "from_mrr", "to_mrr", "cause"])
    .where("org_id", "=", orgId)
    .where("at", "<=", to)
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    at: r.at,
    ord: Number(r.ord),
    fromMrr: Number(r.from_mrr),
    toMrr: Number(r.to_mrr),
    cause: r.cause as MrrChange["cause"],
  }));
}
