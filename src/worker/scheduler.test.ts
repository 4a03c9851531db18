import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import type { CanonicalEvent } from "../contracts/events.ts";
import { parseConfig } from "../core/config.ts";
import { addDays } from "../core/util/dates.ts";
import { upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import type { Org } from "../store/orgs.ts";
import { readScoreChanges } from "../store/score-changes.ts";
import type { UseCaseContext } from "../usecases/context.ts";
import { ingestEventBatch } from "../usecases/ingest-events.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { createScheduler } from "./scheduler.ts";
import { createWorker } from "./worker.ts";

const config = parseConfig({});
const START = "2026-03-01"; // first day of history

function apiDay(customer: string, day: string, count: number): CanonicalEvent[] {
  return [
    {
      id: `${customer}-s-${day}`,
      customer_id: customer,
      type: "session_start",
      timestamp: `${day}T09:00:00Z`,
      properties: {},
    },
    {
      id: `${customer}-f-${day}`,
      customer_id: customer,
      type: "feature_used",
      timestamp: `${day}T09:10:00Z`,
      properties: { feature: "reports", category: "analytics", count: 5, duration_secs: 300, errors: 0 },
    },
    {
      id: `${customer}-a-${day}`,
      customer_id: customer,
      type: "api_calls",
      timestamp: `${day}T11:00:00Z`,
      properties: { count },
    },
  ];
}

describeStores("scheduler scenarios (injected clock)", (s) => {
  let org: Org;
  let clock = new Date(`${START}T00:00:00Z`);
  const now = () => clock;
  const at = (day: string, time: string) => {
    clock = new Date(`${day}T${time}Z`);
  };
  const churnRisk = (customer: string) =>
    s
      .db()
      .kysely.selectFrom("scores")
      .select(["score", "level", "as_of", "computed_at", "signals"])
      .where("org_id", "=", org.id)
      .where("kind", "=", "churn_risk")
      .where("customer_id", "=", customer)
      .executeTakeFirstOrThrow();

  const ctx = (): UseCaseContext => ({ db: s.db(), defaults: config, now });
  /**
   * A worker for this org runs what is queued, until the queue is idle; answers how many scoring
   * jobs it ran (a refresh with score changes, and every daily refresh, also queue a plays tick,
   * which runs too but is not counted here).
   */
  const runQueued = async () => {
    const done = async () =>
      (
        await s
          .db()
          .kysely.selectFrom("jobs")
          .select("id")
          .where("org_id", "=", org.id)
          .where("status", "=", "done")
          .where("kind", "in", ["refresh", "daily_refresh"])
          .execute()
      ).length;
    const before = await done();
    await createWorker({ ctx: ctx(), handlers: jobHandlers(), orgId: org.id, pollMs: 10 }).runUntilIdle();
    return (await done()) - before;
  };
  /** The scheduler queues; the worker runs it. */
  const tick = async () => {
    const queued = await createScheduler(ctx(), undefined, { orgId: org.id }).tick();
    return { ...queued, ran: await runQueued() };
  };

  beforeAll(async () => {
    org = await s.freshOrg();
    await upsertPlan(s.db(), org.id, "Pro", { rank: 1, is_public: true, limits: { api_calls: 100_000 } });
    for (const id of ["steady", "drop"]) {
      await upsertCustomer(s.db(), org.id, id, {
        name: id,
        signup_date: "2025-06-01",
        plan_tier: "Pro",
        subscription: {
          id: `sub-${id}`,
          plan_tier: "Pro",
          status: "active",
          start_date: "2025-06-01",
          mrr: 1000,
          billing_frequency: "monthly",
          auto_renew: true,
          seats: 10,
        },
      });
    }
  });

  it("queues the daily refresh once per local day at the configured time, and a worker runs it", async () => {
    at(addDays(START, 1), "01:59:00");
    expect((await tick()).daily).toEqual([]); // before 02:00 UTC (the default time)
    at(addDays(START, 1), "02:00:00");
    const first = await tick();
    expect(first.daily.map((d) => d.day)).toEqual([addDays(START, 1)]);
    expect(first.ran).toBe(1);
    at(addDays(START, 1), "09:00:00");
    expect((await tick()).daily).toEqual([]); // once a day, however many ticks
    const risk = await churnRisk("steady");
    expect(risk.as_of).toBe(addDays(START, 1));
    expect(risk.computed_at).toBe(`${addDays(START, 1)}T02:00:00.000Z`);
  });

  it("recomputes the customers an event batch touched, and sees an API-call drop of more than half week over week", async () => {
    // Two weeks of steady use for both, loaded before the daily runs.
    at(addDays(START, 14), "00:00:00");
    const history: CanonicalEvent[] = [];
    for (let d = 0; d < 14; d++) {
      const day = addDays(START, d);
      history.push(...apiDay("steady", day, 1000), ...apiDay("drop", day, 1000));
    }
    await ingestEventBatch(ctx(), org.id, history);

    let dropDay: string | undefined;
    for (let d = 14; d < 21; d++) {
      const day = addDays(START, d);
      at(day, "02:05:00");
      const daily = await tick();
      expect(daily.daily.map((x) => x.day)).toEqual([day]); // the daily run, once per day
      at(day, "12:00:00");
      const out = await ingestEventBatch(ctx(), org.id, [
        ...apiDay("steady", day, 1000),
        ...apiDay("drop", day, 100),
      ]);
      expect(out.queued.sort()).toEqual(["drop", "steady"]);
      // The ingest queued the refresh itself: a worker runs it without a scheduler tick.
      expect(await runQueued()).toBe(1);
      if (out.recompute.includes("drop")) {
        dropDay = day;
        break;
      }
    }
    // Last 7 days (4 at 100, 3 at 1,000) are under half the 7 before (7 at 1,000).
    expect(dropDay).toBe(addDays(START, 17));
    const drop = await churnRisk("drop");
    const steady = await churnRisk("steady");
    expect(drop.computed_at).toBe(`${addDays(START, 17)}T12:00:00.000Z`); // recomputed at noon, not at 02:05
    expect(steady.computed_at).toBe(`${addDays(START, 17)}T12:00:00.000Z`);
    expect(drop.score).toBeGreaterThan(steady.score ?? 0);
    expect(drop.signals).toMatch(/API/i);
  });

  it("moves a customer to churned at once when its subscription is canceled, and records the transition", async () => {
    const day = addDays(START, 18);
    at(day, "15:00:00");
    const out = await ingestEventBatch(ctx(), org.id, [
      {
        id: "cancel-1",
        customer_id: "drop",
        type: "subscription_canceled",
        timestamp: `${day}T14:00:00Z`,
        properties: { reason: "budget" },
      },
    ]);
    expect(out.recompute).toEqual(["drop"]);
    at(day, "15:00:01");
    expect(await runQueued()).toBe(1);
    const stage = await s
      .db()
      .kysely.selectFrom("scores")
      .select("level")
      .where("org_id", "=", org.id)
      .where("kind", "=", "lifecycle_stage")
      .where("customer_id", "=", "drop")
      .executeTakeFirstOrThrow();
    expect(stage.level).toBe("churned");
    const moves = await s
      .db()
      .kysely.selectFrom("lifecycle_transitions")
      .select(["day", "from_stage", "to_stage"])
      .where("org_id", "=", org.id)
      .where("customer_id", "=", "drop")
      .orderBy("day", "desc")
      .executeTakeFirstOrThrow();
    expect(moves).toMatchObject({ day, to_stage: "churned" });
    expect(moves.from_stage).not.toBe("churned");
    // The refresh recorded the change for later consumers (plays, webhooks), with its cause.
    const changes = await readScoreChanges(s.db(), org.id, 0, 10_000);
    const churned = changes.filter(
      (c) => c.customerId === "drop" && c.kind === "lifecycle_stage" && c.newLevel === "churned",
    );
    expect(churned).toHaveLength(1);
    expect(churned[0]).toMatchObject({ cause: "events", oldLevel: moves.from_stage });
  });
});
