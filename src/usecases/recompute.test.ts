import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { type HoldfastConfig, parseConfig } from "../core/config.ts";
import { SCORE_KINDS } from "../core/scores/kinds.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { readScoreChanges } from "../store/score-changes.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { recomputeScores } from "./recompute.ts";

const now = new Date("2026-01-01T00:00:00Z");
const TODAY = "2026-01-01";

async function seeded(s: StoreCase) {
  const org = await s.freshOrg();
  const ctx = testContext(s.db(), () => now);
  await importRavenstack(ctx, org.id, ravenstackSourcesFromPath(writeDir(validRavenstack())), {
    grain: "subscription",
    source: "test",
    actor: "test",
    refresh: false,
  });
  const recompute = (
    config: HoldfastConfig,
    configVersion: number,
    extra: { asOf?: string; customers?: string[]; cause?: string } = {},
  ) =>
    recomputeScores(ctx, org.id, {
      asOf: extra.asOf ?? TODAY,
      customers: extra.customers,
      config,
      configVersion,
      cause: extra.cause ?? "manual",
    });
  return { org, ctx, recompute };
}

describeStores("recomputeScores", (s) => {
  it("stores every kind in one row shape: reasons, top reasons, actions, signals, config version", async () => {
    const { org, recompute } = await seeded(s);
    const r = await recompute(parseConfig({}), 4);
    expect(r).toMatchObject({ customers: 3, asOf: TODAY });
    expect(r.windows).toEqual({ usageEnd: "2024-12-31", ticketEnd: "2024-12-28" });
    const rows = await s.db().kysely.selectFrom("scores").selectAll().where("org_id", "=", org.id).execute();
    expect(rows).toHaveLength(3 * SCORE_KINDS.length);
    expect(new Set(rows.map((x) => x.kind))).toEqual(new Set(SCORE_KINDS));
    for (const row of rows) {
      expect(row.config_version, row.kind).toBe(4);
      expect(row.as_of).toBe(TODAY);
      const reasons = JSON.parse(row.reasons) as {
        rule: string;
        kind: string;
        points: number;
        text: string;
      }[];
      const top = JSON.parse(row.top_reasons) as string[];
      const actions = JSON.parse(row.actions) as string[];
      const stored = JSON.parse(row.signals) as {
        signals: { name: string; effect: number; text: string }[];
        detail: unknown;
      };
      expect(Array.isArray(actions)).toBe(true);
      expect(top).toEqual(reasons.slice(0, 3).map((x) => x.text));
      if (row.kind === "early_warning") {
        expect(actions.length).toBeGreaterThan(0); // seed 004's actions, or its default
        expect(stored.signals.map((x) => x.name)).toEqual(reasons.map((x) => x.rule));
      } else {
        expect(actions).toEqual([]);
        // Reasons derive from the signals, one each, in the same order.
        expect(reasons).toEqual(
          stored.signals.map((x) => ({ rule: x.name, kind: x.name, points: x.effect, text: x.text })),
        );
      }
    }
  });

  it("the first scoring is the baseline; after it, level changes and crossings are recorded with their cause", async () => {
    const { org, recompute } = await seeded(s);
    const base = parseConfig({});
    expect((await recompute(base, 0)).changes).toBe(0); // the org's baseline
    expect((await recompute(base, 0)).changes).toBe(0); // nothing moved
    expect(await readScoreChanges(s.db(), org.id, 0, 100)).toEqual([]);

    // Version 1 lowers early warning's Medium level to 25: S-1 (28) moves up from Low.
    const v1 = parseConfig({
      earlyWarning: { levels: { medium: 25 } },
      scores: { changes: { thresholds: { early_warning: [25] } } },
    });
    const r1 = await recompute(v1, 1, { cause: "config" });
    expect(r1.changes).toBe(1);
    const [c1] = await readScoreChanges(s.db(), org.id, 0, 100);
    expect(c1).toMatchObject({
      id: 1,
      customerId: "S-1",
      kind: "early_warning",
      oldScore: 28,
      newScore: 28,
      oldLevel: "Low",
      newLevel: "Medium",
      crossed: null, // the score did not move: the level did
      cause: "config",
      configVersion: 1,
      at: now.toISOString(),
    });

    // A replay as of 2024-12-10: S-1's usage drop is not there yet, so it falls below 25.
    await recompute(v1, 1, { asOf: "2024-12-10", cause: "manual" });
    const later = await readScoreChanges(s.db(), org.id, c1!.id, 1_000);
    expect(later.length).toBeGreaterThan(0);
    expect(later.map((c) => c.id)).toEqual(later.map((_, i) => c1!.id + 1 + i)); // in order, no gaps
    expect(later.find((c) => c.customerId === "S-1" && c.kind === "early_warning")).toMatchObject({
      oldScore: 28,
      newScore: 0,
      oldLevel: "Medium",
      newLevel: "Low",
      crossed: "early_warning>=25",
    });
  });

  it("a customer first scored after the baseline is a change of every kind; only listed customers are recomputed", async () => {
    const { org, recompute } = await seeded(s);
    const config = parseConfig({});
    await recompute(config, 0);
    await upsertCustomer(s.db(), org.id, "NEW-1", { name: "New Co", arr: 6_000 });
    const r = await recompute(config, 0, {
      customers: ["NEW-1", "NOT-THERE"],
      cause: "import",
      asOf: "2026-01-02",
    });
    expect(r.customers).toBe(1);
    const changes = await readScoreChanges(s.db(), org.id, 0, 100);
    expect(changes).toHaveLength(SCORE_KINDS.length);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(SCORE_KINDS));
    for (const c of changes)
      expect(c).toMatchObject({ customerId: "NEW-1", oldLevel: null, oldScore: null, cause: "import" });
    const asOf = await s
      .db()
      .kysely.selectFrom("scores")
      .select(["customer_id", "as_of"])
      .distinct()
      .where("org_id", "=", org.id)
      .orderBy("customer_id")
      .execute();
    expect(asOf).toEqual([
      { customer_id: "NEW-1", as_of: "2026-01-02" },
      { customer_id: "S-1", as_of: TODAY },
      { customer_id: "S-2", as_of: TODAY },
      { customer_id: "S-3", as_of: TODAY },
    ]);
  });

  it("refuses an as-of that is not a date", async () => {
    const { recompute } = await seeded(s);
    await expect(recompute(parseConfig({}), 0, { asOf: "2026-02-30x" })).rejects.toThrow(/not a date/);
  });
});
