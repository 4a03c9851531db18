import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import type { CanonicalEvent } from "../contracts/events.ts";
import { parseConfig } from "../core/config.ts";
import { addDays } from "../core/util/dates.ts";
import { upsertCustomer, upsertPlan } from "../store/customer-write.ts";
import type { Org } from "../store/orgs.ts";
import { ingestEventBatch } from "./ingest-events.ts";
import { createScheduler } from "./scheduler.ts";

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

  it("recomputes a customer whose API calls fall by more than half week over week, without waiting for the daily run", async () => {
    const scheduler = createScheduler({ db: s.db(), config, now, orgs: async () => [org] });
    // Two weeks of steady use for both, loaded before the first daily run.
    at(addDays(START, 14), "00:00:00");
    const history: CanonicalEvent[] = [];
    for (let d = 0; d < 14; d++) {
      const day = addDays(START, d);
      history.push(...apiDay("steady", day, 1000), ...apiDay("drop", day, 1000));
    }
    await ingestEventBatch(s.db(), org.id, history, now());

    let servedEarly: string[] | undefined;
    for (let d = 14; d < 21; d++) {
      const day = addDays(START, d);
      at(day, "00:05:00");
      const daily = await scheduler.tick();
      expect(daily.daily.map((x) => x.customers)).toEqual([2]); // the daily run, once per day
      at(day, "12:00:00");
      const out = await ingestEventBatch(
        s.db(),
        org.id,
        [...apiDay("steady", day, 1000), ...apiDay("drop", day, 100)],
        now(),
      );
      const tick = await scheduler.tick();
      expect(tick.daily).toEqual([]); // not the daily run again
      if (out.recompute.length > 0) {
        servedEarly = tick.served.flatMap((x) => x.customers);
        // Last 7 days (4 at 100, 3 at 1,000) are under half the 7 before (7 at 1,000).
        expect(day).toBe(addDays(START, 17));
        break;
      }
    }
    expect(servedEarly).toEqual(["drop"]);
    const drop = await churnRisk("drop");
    const steady = await churnRisk("steady");
    expect(drop.computed_at).toBe(`${addDays(START, 17)}T12:00:00.000Z`); // recomputed at noon
    expect(steady.computed_at).toBe(`${addDays(START, 17)}T00:05:00.000Z`); // only the daily run
    expect(drop.score).toBeGreaterThan(steady.score ?? 0);
    expect(drop.signals).toMatch(/API/i);
  });

  it("moves a customer to churned at once when its subscription is canceled, and records the transition", async () => {
    const scheduler = createScheduler({ db: s.db(), config, now, orgs: async () => [org] });
    const day = addDays(START, 18);
    at(day, "15:00:00");
    const out = await ingestEventBatch(
      s.db(),
      org.id,
      [
        {
          id: "cancel-1",
          customer_id: "drop",
          type: "subscription_canceled",
          timestamp: `${day}T14:00:00Z`,
          properties: { reason: "budget" },
        },
      ],
      now(),
    );
    expect(out.recompute).toEqual(["drop"]);
    const tick = await scheduler.tick();
    expect(tick.served.flatMap((x) => x.customers)).toEqual(["drop"]);
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
  });
});
