import type { Db } from "../open-store.ts";
import { chunks, type OfferTable, q } from "./tables.ts";

/** The offers ledger, across every surface. */

export type OfferRow = Omit<OfferTable, "org_id">;

export async function offersOf(db: Db, orgId: number, ids: readonly string[]): Promise<OfferRow[]> {
  const out: OfferRow[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("offers")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .orderBy("proposed_at")
      .execute();
    for (const { org_id: _, ...r } of rows)
      out.push({
        ...r,
        percent: r.percent === null ? null : Number(r.percent),
        cycles: r.cycles === null ? null : Number(r.cycles),
        months: r.months === null ? null : Number(r.months),
        days: r.days === null ? null : Number(r.days),
      });
  }
  return out;
}

/**
 * Writes offers: a new id is inserted; a known one moves on only from `proposed` (an answer or an
 * expiry), so a replayed tick never undoes an acceptance written in between.
 */
export async function saveOffers(db: Db, orgId: number, rows: readonly OfferRow[]): Promise<void> {
  for (const r of rows) {
    await q(db)
      .insertInto("offers")
      .values({ org_id: orgId, ...r })
      .onConflict((oc) =>
        oc
          .columns(["org_id", "id"])
          .doUpdateSet({ status: r.status, decided_at: r.decided_at, ends_at: r.ends_at })
          .where("offers.status", "=", "proposed"),
      )
      .execute();
  }
}
