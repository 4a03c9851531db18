import fc from "fast-check";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { HEADLINE_DRIVERS } from "../core/customers/list-filters.ts";
import { canUseCells, driverCounts, type FacetCell, facetCells } from "./customer-facets.ts";
import { type CustomerFilter, customerTotals } from "./customers.ts";
import { rebuildCellsSql } from "./facet-cell-columns.ts";
import type { Db } from "./open-store.ts";
import { writeBatch } from "./write-batch.ts";

const TIERS = ["Starter", "Pro", null] as const;
const STATUSES = ["active", "churned", "past_due", null] as const;
const RISK = ["low", "high", "critical", null] as const;
const HEALTH = ["healthy", "at_risk", null] as const;
const EW = ["High", "Low", null] as const;

/** Deterministic pseudo-random pick from (seed, i). */
const pick = <T>(xs: readonly T[], seed: number, i: number): T =>
  xs[Math.abs(Math.imul(seed * 7919 + i, 2654435761) >> 7) % xs.length]!;

/** Sets random facet columns on customers `ids` in one statement per value (the saver and refresh write many rows at once). */
async function shuffle(db: Db, orgId: number, ids: string[], seed: number) {
  for (const [i, id] of ids.entries()) {
    await sql`update customers set status = ${pick(STATUSES, seed, i)}, plan_tier = ${pick(TIERS, seed + 1, i)},
      lvl_churn_risk = ${pick(RISK, seed + 2, i)}, lvl_health = ${pick(HEALTH, seed + 3, i)},
      lvl_early_warning = ${pick(EW, seed + 4, i)},
      drv_churn_risk = ${pick([0, 1, 64, 65, 4096, null], seed + 5, i)}, drv_early_warning = ${pick([0, 1, 3, null], seed + 6, i)},
      arr = ${1000 + (Math.abs(seed * 31 + i * 17) % 50) * 250}
      where org_id = ${orgId} and id = ${id}`.execute(db.kysely);
  }
  // And one multi-row statement (PostgreSQL's statement trigger sees many rows at once).
  await sql`update customers set lvl_health = 'watch', arr = arr + 100
    where org_id = ${orgId} and lvl_churn_risk = 'high'`.execute(db.kysely);
}

const key = (c: FacetCell) => JSON.stringify([c.status, c.plan_tier, c.levels]);
/** Cells as key -> [count, arr], empty cells left out. */
const byKey = (cells: FacetCell[]) =>
  new Map(cells.filter((c) => c.count > 0).map((c) => [key(c), [c.count, Math.round(c.arr)]]));

const filterArb = fc.record(
  {
    headline: fc.constantFrom("churn_risk", "early_warning"),
    book: fc.constantFrom("live", "churned", "all" as const),
    status: fc.constantFrom("active", "churned", "past_due"),
    planTier: fc.constantFrom("Starter", "Pro"),
    riskLevel: fc.constantFrom("low", "high", "High"),
    levels: fc.constantFrom<Record<string, string>>(
      { health: "at_risk" },
      { health: "watch", churn_risk: "high" },
      {},
    ),
  },
  { requiredKeys: ["headline", "book"] },
);
const withDriver = fc
  .tuple(filterArb, fc.option(fc.nat(20), { nil: undefined }))
  .map(([f, d]): CustomerFilter => {
    const drivers = HEADLINE_DRIVERS[f.headline as "churn_risk" | "early_warning"];
    return { ...f, driver: d === undefined ? undefined : drivers[d % drivers.length] };
  });

describeStores("customer facet cells (migration 019)", (s) => {
  it("after inserts, updates and deletes, the cells answer every facet-only filter as the customers do, and sum to the list's total", async () => {
    const db = s.db();
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    const ids = Array.from({ length: 48 }, (_, i) => `c${i}`);
    const rows = (n: number) =>
      ids
        .slice(0, n)
        .map((id, i) => [id, i + 1, `a-${id}`, id, null, null, "2025-01-01", "Pro", 1, 0, 1000, 83]);
    await writeBatch(db, org.id, { customers: rows(48) });
    await writeBatch(db, other.id, { customers: rows(10) });
    await shuffle(db, org.id, ids, 3);
    await shuffle(db, org.id, ids.slice(0, 20), 11);
    await sql`delete from customers where org_id = ${org.id} and id in ('c1', 'c2', 'c40')`.execute(
      db.kysely,
    );
    await shuffle(db, other.id, ids.slice(0, 10), 5);
    // An import's upsert of existing customers (plan tier and ARR change) and of a new one.
    await writeBatch(db, org.id, {
      customers: [
        ["c3", 4, "a-c3", "c3", null, null, "2025-01-01", "Enterprise", 1, 0, 9000, 750],
        ["c48", 49, "a-c48", "c48", null, null, "2025-01-01", "Starter", 1, 0, 500, 41],
      ],
    });

    // The maintained cells equal a rebuild from scratch, and the direct group-by.
    const all: CustomerFilter = { headline: "churn_risk", book: "all" };
    const kept = byKey(await facetCells(db, org.id, all, { fromCells: true }));
    expect(kept).toEqual(byKey(await facetCells(db, org.id, all)));
    const stored = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from customer_facet_cells where org_id = ${org.id}`.execute(db.kysely)
        ).rows[0]!.n,
      );
    const before = await stored();
    for (const q of rebuildCellsSql(org.id)) await q.execute(db.kysely);
    expect(await stored()).toBe(before); // emptied cells were deleted, as a rebuild has none
    expect(byKey(await facetCells(db, org.id, all, { fromCells: true }))).toEqual(kept);
    expect([...kept.values()].reduce((a, [n]) => a + n!, 0)).toBe(46);

    await fc.assert(
      fc.asyncProperty(withDriver, async (f) => {
        expect(canUseCells(f)).toBe(true);
        const cells = await facetCells(db, org.id, f, { fromCells: true });
        expect(byKey(cells)).toEqual(byKey(await facetCells(db, org.id, f)));
        const total = await customerTotals(db, org.id, f);
        expect(cells.reduce((a, c) => a + c.count, 0)).toBe(total.customers);
        expect(cells.reduce((a, c) => a + c.arr, 0)).toBeCloseTo(total.arr, 6);
        const noDriver = { ...f, driver: undefined };
        const drivers = HEADLINE_DRIVERS[f.headline as "churn_risk"];
        expect(await driverCounts(db, org.id, noDriver, drivers, { fromCells: true })).toEqual(
          await driverCounts(db, org.id, noDriver, drivers),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("free text and an ARR floor read the customers", () => {
    expect(canUseCells({ headline: "churn_risk", q: "acme" })).toBe(false);
    expect(canUseCells({ headline: "churn_risk", minArr: 10 })).toBe(false);
    expect(canUseCells({ headline: "churn_risk", planTier: "Pro", driver: "nps" })).toBe(true);
  });
});
