import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { SCORE_KINDS, type ScoreKind } from "../core/scores/kinds.ts";
import type { Scored } from "../core/scores/result.ts";
import { facetCells } from "./customer-facets.ts";
import { backfillCustomerLevels } from "./customer-levels.ts";
import type { Db } from "./open-store.ts";
import { saveScores } from "./scores.ts";
import { writeBatch } from "./write-batch.ts";

const scored = (kind: ScoreKind, level: string, reasonKinds: string[] = []): Scored => ({
  kind,
  score: 50,
  level,
  reasons: reasonKinds.map((k) => ({ rule: k, kind: k, points: 1, text: k })),
  topReasons: [],
  actions: [],
  signals: [],
});

/** Every kind scored: churn risk and health at the given levels, the rest at fixed ones. */
function results(risk: string, health: string, drivers: string[]): Record<ScoreKind, Scored> {
  const out = {} as Record<ScoreKind, Scored>;
  for (const k of SCORE_KINDS) out[k] = scored(k, "low");
  out.churn_risk = scored("churn_risk", risk, [...drivers, drivers[0] ?? "nps"]);
  out.health = scored("health", health);
  out.early_warning = scored("early_warning", "High", ["usage"]);
  return out;
}

async function addCustomers(db: Db, orgId: number, ids: string[]) {
  await writeBatch(db, orgId, {
    customers: ids.map((id, i) => [
      id,
      i + 1,
      `a-${id}`,
      id,
      null,
      null,
      "2025-01-01",
      "Pro",
      1,
      0,
      1000,
      83,
    ]),
  });
}

const save = (
  db: Db,
  orgId: number,
  customers: { customerId: string; arr: number; results: Record<ScoreKind, Scored> }[],
) =>
  saveScores(db, orgId, {
    asOf: "2026-01-01",
    computedAt: new Date("2026-01-01T00:00:00Z"),
    configVersion: 0,
    cause: "test",
    customers,
    transitions: [],
    changes: [],
  });

async function columns(db: Db, orgId: number) {
  const r = await sql<{
    id: string;
    lvl_churn_risk: string | null;
    lvl_health: string | null;
    lvl_early_warning: string | null;
    drv_churn_risk: number | null;
    drv_early_warning: number | null;
  }>`select id, lvl_churn_risk, lvl_health, lvl_early_warning, drv_churn_risk, drv_early_warning
     from customers where org_id = ${orgId} order by id`.execute(db.kysely);
  return r.rows;
}

describeStores("customer list columns (levels and drivers on the customer row)", (s) => {
  it("the saver writes each customer's levels and headline drivers with its scores, and a rescore moves its counts", async () => {
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    await addCustomers(s.db(), org.id, ["c1", "c2", "c3"]);
    await addCustomers(s.db(), other.id, ["c1"]);
    await save(s.db(), org.id, [
      { customerId: "c1", arr: 1000, results: results("high", "critical", ["payments_failed", "nps"]) },
      { customerId: "c2", arr: 1000, results: results("low", "healthy", []) },
    ]);
    expect(await columns(s.db(), org.id)).toEqual([
      {
        id: "c1",
        lvl_churn_risk: "high",
        lvl_health: "critical",
        lvl_early_warning: "High",
        drv_churn_risk: 2 ** 6 + 2 ** 11, // payments_failed, nps: bits 6 and 11 of HEADLINE_DRIVERS.churn_risk
        drv_early_warning: 1,
      },
      {
        id: "c2",
        lvl_churn_risk: "low",
        lvl_health: "healthy",
        lvl_early_warning: "High",
        drv_churn_risk: 2 ** 11,
        drv_early_warning: 1,
      },
      // Not scored yet: no level, so no level filter or facet counts it.
      {
        id: "c3",
        lvl_churn_risk: null,
        lvl_health: null,
        lvl_early_warning: null,
        drv_churn_risk: null,
        drv_early_warning: null,
      },
    ]);
    // The other org's customer of the same id is untouched.
    expect((await columns(s.db(), other.id))[0]!.lvl_churn_risk).toBeNull();

    const f = { headline: "churn_risk", book: "all" as const };
    const risk = async () =>
      Object.fromEntries(
        (await facetCells(s.db(), org.id, f)).map((c) => [String(c.levels.churn_risk), c.count]),
      );
    expect(await risk()).toEqual({ high: 1, low: 1, null: 1 });
    await save(s.db(), org.id, [
      { customerId: "c2", arr: 1000, results: results("critical", "watch", ["cancel_page"]) },
    ]);
    expect(await risk()).toEqual({ high: 1, critical: 1, null: 1 });
    expect((await columns(s.db(), org.id))[1]).toMatchObject({
      lvl_health: "watch",
      drv_churn_risk: 2 ** 7,
    });
  });

  it("the backfill (migration 011's) fills the columns from the current scores, per org", async () => {
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    for (const o of [org, other]) {
      await addCustomers(s.db(), o.id, ["c1", "c2"]);
      await save(s.db(), o.id, [
        { customerId: "c1", arr: 1000, results: results("medium", "at_risk", ["nps"]) },
      ]);
    }
    const saved = await columns(s.db(), org.id);
    const blank = async (orgId: number) =>
      sql`update customers set lvl_churn_risk = null, lvl_health = null, lvl_early_warning = null,
        drv_churn_risk = null, drv_early_warning = null where org_id = ${orgId}`.execute(s.db().kysely);
    await blank(org.id);
    await blank(other.id);
    await backfillCustomerLevels(s.db(), org.id);
    expect(await columns(s.db(), org.id)).toEqual(saved);
    expect((await columns(s.db(), other.id))[0]!.lvl_churn_risk).toBeNull();
  });
});
