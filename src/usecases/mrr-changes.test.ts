import { expect, it } from "vitest";
import { describeStores, RAVENSTACK_DIR } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import type { CanonicalEvent } from "../core/events/schema.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { rq } from "../store/retention/tables.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { loadDemoWorkspace } from "./load-demo-workspace.ts";
import { readRevenueRetention } from "./revenue-retention.ts";

const now = new Date("2025-04-10T12:00:00Z");
const ev = (
  n: number,
  type: CanonicalEvent["type"],
  day: string,
  properties: Record<string, unknown> = {},
) => ({
  id: `m-${n}`,
  customer_id: "X",
  type,
  timestamp: `${day}T10:00:00Z`,
  properties,
});

describeStores("the MRR change log (issue 18)", (s) => {
  it("billing events log each move with its cause; retention shows the expansion and contraction", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => now);
    await upsertCustomer(s.db(), org.id, "X", { name: "X" });
    await ingestEventBatch(ctx, org.id, [
      ev(1, "subscription_created", "2025-01-05", { plan: "Starter", mrr: 100 }),
      ev(2, "subscription_updated", "2025-02-10", { plan: "Growth", mrr: 300 }),
    ]);
    // A later batch: its moves come after the first batch's.
    await ingestEventBatch(ctx, org.id, [
      ev(3, "subscription_updated", "2025-03-03", { plan: "Growth", mrr: 250 }),
      ev(4, "subscription_canceled", "2025-03-20", { reason: "budget" }),
    ]);
    // Sent again: nothing new is logged.
    await ingestEventBatch(ctx, org.id, [ev(4, "subscription_canceled", "2025-03-20", { reason: "budget" })]);
    const rows = await rq(s.db())
      .selectFrom("mrr_changes")
      .select(["at", "from_mrr", "to_mrr", "cause", "source"])
      .where("org_id", "=", org.id)
      .orderBy("at")
      .orderBy("ord")
      .execute();
    expect(rows.map((r) => [r.at, Number(r.from_mrr), Number(r.to_mrr), r.cause, r.source])).toEqual([
      ["2025-01-05", 0, 100, "new", "m-1"],
      ["2025-02-10", 100, 300, "expansion", "m-2"],
      ["2025-03-03", 300, 250, "contraction", "m-3"],
      ["2025-03-20", 250, 0, "churn", "m-4"],
    ]);
    const r = await readRevenueRetention(ctx, org.id, { months: 3, asOf: "2025-04-10" });
    expect(
      r.months.map((m) => [
        m.month,
        m.starting_mrr,
        m.expansion_mrr,
        m.contraction_mrr,
        m.churned_mrr,
        m.ending_mrr,
      ]),
    ).toEqual([
      ["2025-02", 100, 200, 0, 0, 300],
      ["2025-03", 300, 0, 0, 300, 0],
      ["2025-04", 0, 0, 0, 0, 0],
    ]);
    // A comeback after the churn is a reactivation.
    await ingestEventBatch(ctx, org.id, [
      ev(5, "subscription_created", "2025-04-02", { plan: "Starter", mrr: 90 }),
    ]);
    const last = await rq(s.db())
      .selectFrom("mrr_changes")
      .select(["cause", "to_mrr"])
      .where("org_id", "=", org.id)
      .where("source", "=", "m-5")
      .executeTakeFirstOrThrow();
    expect([last.cause, Number(last.to_mrr)]).toEqual(["reactivation", 90]);
  });

  it("the demo workspace: plan changes show as expansion and contraction; ending MRR is the live book's", async () => {
    const org = await s.freshOrg();
    const END = "2025-06-30";
    const ctx = testContext(s.db(), () => new Date("2025-07-01T08:00:00Z"));
    await loadDemoWorkspace(ctx, org.id, { customers: 80, seed: 3, end: END, months: 12 });
    const causes = await rq(s.db())
      .selectFrom("mrr_changes")
      .select(["cause", (e) => e.fn.countAll().as("n")])
      .where("org_id", "=", org.id)
      .groupBy("cause")
      .execute();
    const count = new Map(causes.map((c) => [c.cause, Number(c.n)]));
    expect(count.get("new")).toBeGreaterThan(0);
    expect((count.get("expansion") ?? 0) + (count.get("contraction") ?? 0)).toBeGreaterThan(0);
    const r = await readRevenueRetention(ctx, org.id, { months: 12, asOf: END });
    const total = (k: "expansion_mrr" | "contraction_mrr") => r.months.reduce((a, m) => a + m[k], 0);
    expect(total("expansion_mrr") + total("contraction_mrr")).toBeGreaterThan(0);
    // Each month starts where the one before ended.
    for (let i = 1; i < r.months.length; i++)
      expect(r.months[i]!.starting_mrr).toBeCloseTo(r.months[i - 1]!.ending_mrr, 2);
    // The last month's ending MRR is the MRR of the open subscriptions of the customers not churned.
    const live = await s
      .db()
      .kysely.selectFrom("subscriptions as s")
      .innerJoin("customers as c", (j) =>
        j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
      )
      .select((e) => e.fn.sum<number>("s.mrr").as("mrr"))
      .where("s.org_id", "=", org.id)
      .where("s.status", "!=", "canceled")
      .where("c.status", "!=", "churned")
      .executeTakeFirstOrThrow();
    expect(r.months.at(-1)!.ending_mrr).toBeCloseTo(Number(live.mrr), 2);
  });

  it("a RavenStack import rebuilds the log from its subscription spans; a re-import writes the same log", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => now);
    const load = () =>
      importRavenstack(ctx, org.id, ravenstackSourcesFromPath(RAVENSTACK_DIR), {
        grain: "account",
        source: "test",
        actor: "test",
        refresh: false,
      });
    await load();
    const read = () =>
      rq(s.db())
        .selectFrom("mrr_changes")
        .select(["customer_id", "at", "ord", "from_mrr", "to_mrr", "cause"])
        .where("org_id", "=", org.id)
        .orderBy("customer_id")
        .orderBy("at")
        .execute();
    const first = await read();
    expect(first.length).toBeGreaterThan(500);
    expect(new Set(first.map((r) => r.cause))).toEqual(
      new Set(["new", "expansion", "contraction", "churn", "reactivation"]),
    );
    // The log chains: each move starts from the MRR the customer's previous move left.
    for (let i = 1; i < first.length; i++)
      if (first[i]!.customer_id === first[i - 1]!.customer_id)
        expect(Number(first[i]!.from_mrr)).toBeCloseTo(Number(first[i - 1]!.to_mrr), 2);
    await rq(s.db()).deleteFrom("mrr_changes").where("org_id", "=", org.id).execute();
    await load(); // unchanged data: the log is backfilled for a store that had none
    expect(await read()).toEqual(first);
  }, 120_000);
});
