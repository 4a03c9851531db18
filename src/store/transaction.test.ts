import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import type { Db } from "./open-store.ts";
import { rawRows } from "./raw-rows.ts";
import { TABLES } from "./tables.ts";
import { withTransaction } from "./transaction.ts";
import { writeBatch } from "./write-batch.ts";

const plan = (tier: string, rank: number) => [tier, rank, true] as const; // TABLES.plans column order

async function tiers(db: Db, orgId: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("plans")
    .select("tier")
    .where("org_id", "=", orgId)
    .orderBy("tier")
    .execute();
  return rows.map((r) => r.tier);
}

describeStores("withTransaction", (s) => {
  it("commits Kysely writes and bulk writes together", async () => {
    const org = await s.freshOrg();
    await withTransaction(s.db(), async (tx) => {
      await tx.kysely
        .insertInto("plans")
        .values({ org_id: org.id, tier: "A", rank: 1, is_public: 1, limits: null })
        .execute();
      await writeBatch(tx, org.id, { plans: [plan("B", 2)] });
    });
    expect(await tiers(s.db(), org.id)).toEqual(["A", "B"]);
  });

  it("rolls back both when the callback throws, and a nested call joins the outer transaction", async () => {
    const org = await s.freshOrg();
    let inner: Db | undefined;
    await expect(
      withTransaction(s.db(), async (tx) => {
        await tx.driver.upsert(TABLES.plans, org.id, [plan("A", 1)]);
        await withTransaction(tx, async (nested) => {
          inner = nested;
          await nested.kysely
            .insertInto("plans")
            .values({ org_id: org.id, tier: "B", rank: 2, is_public: 1, limits: null })
            .execute();
        });
        // Uncommitted rows are visible inside, through every path.
        expect(await tiers(tx, org.id)).toEqual(["A", "B"]);
        const raw = await rawRows(
          tx,
          sql`select tier from plans where org_id = ${org.id} order by tier`.compile(tx.kysely),
        );
        expect(raw).toEqual([["A"], ["B"]]);
        expect(inner).toBe(tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await tiers(s.db(), org.id)).toEqual([]);
  });

  it("runs concurrent transactions one after another on the store's connections", async () => {
    const org = await s.freshOrg();
    const order: string[] = [];
    await Promise.all(
      ["A", "B", "C"].map((tier, i) =>
        withTransaction(s.db(), async (tx) => {
          const n = (await tiers(tx, org.id)).length;
          await tx.kysely
            .insertInto("plans")
            .values({ org_id: org.id, tier, rank: i, is_public: 1, limits: null })
            .execute();
          order.push(`${tier}${n}`);
        }),
      ),
    );
    expect(await tiers(s.db(), org.id)).toEqual(["A", "B", "C"]);
    expect(order).toHaveLength(3);
    if (!s.db().driver.rowLocks) expect(order.map((o) => o.slice(1)).sort()).toEqual(["0", "1", "2"]); // serialised
  });

  it("refuses a Kysely transaction inside one (it would commit the outer one early)", async () => {
    const org = await s.freshOrg();
    await expect(
      withTransaction(s.db(), async (tx) => {
        await tx.kysely
          .insertInto("plans")
          .values({ org_id: org.id, tier: "A", rank: 1, is_public: 1, limits: null })
          .execute();
        await tx.kysely.transaction().execute(async () => {});
      }),
    ).rejects.toThrow(/transaction/);
    expect(await tiers(s.db(), org.id)).toEqual([]);
  });

  it("runs again a transaction that lost a deadlock (40P01), so both writers commit", async () => {
    if (!s.db().driver.rowLocks) return; // SQLite: one writer at a time, no row locks to cross
    const org = await s.freshOrg();
    await s
      .db()
      .kysely.insertInto("plans")
      .values([
        { org_id: org.id, tier: "A", rank: 1, is_public: 1, limits: null },
        { org_id: org.id, tier: "B", rank: 1, is_public: 1, limits: null },
      ])
      .execute();
    const bump = (tx: Db, tier: string) =>
      tx.kysely
        .updateTable("plans")
        .set((eb) => ({ rank: eb("rank", "+", 1) }))
        .where("org_id", "=", org.id)
        .where("tier", "=", tier)
        .execute();
    // Both transactions lock their first row, then wait for each other's: PostgreSQL breaks the
    // cycle by failing one of them with 40P01, which withTransaction runs again.
    let locked = 0;
    let release: () => void = () => {};
    const bothLocked = new Promise<void>((r) => {
      release = r;
    });
    const attempts = { AB: 0, BA: 0 };
    const crossed = (first: "A" | "B", second: "A" | "B") =>
      withTransaction(s.db(), async (tx) => {
        attempts[`${first}${second}` as "AB" | "BA"]++;
        await bump(tx, first);
        if (++locked === 2) release();
        await bothLocked;
        await bump(tx, second);
      });
    await Promise.all([crossed("A", "B"), crossed("B", "A")]);
    expect(attempts.AB + attempts.BA).toBe(3); // the loser ran twice
    const ranks = await s
      .db()
      .kysely.selectFrom("plans")
      .select(["tier", "rank"])
      .where("org_id", "=", org.id)
      .orderBy("tier")
      .execute();
    expect(ranks.map((r) => Number(r.rank))).toEqual([3, 3]); // each committed once
  });

  it("states its claim strategy", () => {
    expect(s.db().driver.skipLocked).toBe(s.name === "postgres");
    expect(s.db().driver.inTransaction).toBe(false);
  });
});
