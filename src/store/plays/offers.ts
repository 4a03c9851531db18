import type { RowTable } from "../dialect/dialect.ts";
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

const text = (name: string) => ({ name, type: "text" }) as const;
const integer = (name: string) => ({ name, type: "integer" }) as const;
/** The bulk row shape of an offer (the dialect's insert-new path). */
const OFFERS: RowTable = {
  name: "offers",
  key: ["customer_id", "id"],
  columns: [
    text("id"),
    text("customer_id"),
    text("tactic"),
    text("surface"),
    text("kind"),
    text("status"),
    { name: "percent", type: "real" },
    integer("cycles"),
    integer("months"),
    integer("days"),
    text("trial_id"),
    text("proposed_at"),
    text("expires_at"),
    text("decided_at"),
    text("ends_at"),
  ],
};

/**
 * Writes offers: a new id is inserted; a known one moves on only from `proposed` (an answer or an
 * expiry), so a replayed tick never undoes an acceptance written in between.
 */
export async function saveOffers(db: Db, orgId: number, rows: readonly OfferRow[]): Promise<void> {
  if (rows.length === 0) return;
  // New ids in bulk (most of a tick's offers are new proposals); the rest one by one.
  const fresh = await db.driver.insertNew(
    OFFERS,
    orgId,
    rows.map((r) => [
      r.id,
      r.customer_id,
      r.tactic,
      r.surface,
      r.kind,
      r.status,
      r.percent,
      r.cycles,
      r.months,
      r.days,
      r.trial_id,
      r.proposed_at,
      r.expires_at,
      r.decided_at,
      r.ends_at,
    ]),
  );
  for (const [i, r] of rows.entries()) {
    if (fresh[i]) continue;
    await q(db)
      .insertInto("offers")
      .values({ org_id: orgId, ...r })
      .onConflict((oc) =>
        oc
          .columns(["org_id", "customer_id", "id"])
          .doUpdateSet({ status: r.status, decided_at: r.decided_at, ends_at: r.ends_at })
          .where("offers.status", "=", "proposed"),
      )
      .execute();
  }
}
