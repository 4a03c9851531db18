import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { addDays } from "../core/util/dates.ts";
import { writeBatch } from "../store/write-batch.ts";
import { backfillHistory } from "./backfill-history.ts";
import { customerLifecycle, customerTrend } from "./customer-scores.ts";
import { jobHandlers } from "./job-handlers.ts";
import { jobsOverview } from "./jobs.ts";
import { loadDemoWorkspace } from "./load-demo-workspace.ts";
import { recomputeScores } from "./recompute.ts";

const END = "2026-06-30";
const now = () => new Date("2026-07-01T06:00:00Z");
const config = parseConfig({});

describeStores("history backfill", (s) => {
  it("replays 90 daily points and lifecycle transitions, idempotently, seeing only data up to each day", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    const db = s.db();
    await loadDemoWorkspace(ctx, org.id, { customers: 30, seed: 7, end: END, months: 8 });
    // The load queued the backfill (once, by its idempotency key).
    const queued = (await jobsOverview(ctx, org.id)).jobs.filter((j) => j.kind === "backfill_history");
    expect(queued).toHaveLength(1);
    expect(queued[0]!.payload).toEqual({ asOf: END });

    // Run it as the worker does: the handler, with progress and a live signal.
    const progress: unknown[] = [];
    const first = (await jobHandlers().backfill_history({
      ctx,
      job: queued[0]!,
      signal: new AbortController().signal,
      progress: (p) => progress.push(p),
    })) as Awaited<ReturnType<typeof backfillHistory>>;
    expect(first.asOf).toBe(END);
    expect(first.customers).toBe(30);
    expect(first.written.history).toBeGreaterThan(30 * 60 * 12);
    expect(progress.at(-1)).toMatchObject({ done: 30, total: 30 });

    // A customer signed up before the window has a point a day (the trend reads them).
    const oldest = await db.kysely
      .selectFrom("customers")
      .select("id")
      .where("org_id", "=", org.id)
      .where("signup_date", "<", addDays(END, -120))
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const trend = await customerTrend(db, org.id, oldest.id, "churn_risk", 90, now());
    expect(trend.points.length).toBeGreaterThanOrEqual(60);
    expect(trend.points.length).toBeLessThanOrEqual(90);

    // A churned customer's lifecycle shows its way there.
    const churned = await db.kysely
      .selectFrom("scores")
      .select("customer_id")
      .where("org_id", "=", org.id)
      .where("kind", "=", "lifecycle_stage")
      .where("level", "=", "churned")
      .execute();
    expect(churned.length).toBeGreaterThan(0);
    let withTransition = 0;
    for (const c of churned) {
      const moves = await customerLifecycle(db, org.id, c.customer_id);
      if (moves.some((m) => m.to === "churned" && m.reason.length > 0)) withTransition++;
    }
    expect(withTransition).toBeGreaterThan(0);

    // Rerun: nothing new.
    const again = await backfillHistory(ctx, org.id, { asOf: END });
    expect(again.written).toEqual({ history: 0, transitions: 0 });

    // A fact planted after day t leaves day t's rows alone and changes later days.
    const t = addDays(END, -30);
    const rowsOn = (day: string) =>
      db.kysely
        .selectFrom("score_history")
        .select(["kind", "score", "level", "reasons"])
        .where("org_id", "=", org.id)
        .where("customer_id", "=", oldest.id)
        .where("day", "=", day)
        .orderBy("kind")
        .execute();
    const before = await rowsOn(t);
    expect(before).toHaveLength(12);
    const laterBefore = await rowsOn(addDays(t, 2));
    await writeBatch(db, org.id, {
      metrics_daily: [
        [oldest.id, addDays(t, 1), "errors", "", 500],
        [oldest.id, addDays(t, 1), "payments_failed", "", 5],
        [oldest.id, addDays(t, 1), "page_views", "cancel", 20],
      ],
    });
    const planted = await backfillHistory(ctx, org.id, { asOf: END });
    expect(planted.written.history).toBeGreaterThan(0);
    expect(await rowsOn(t)).toEqual(before);
    expect(await rowsOn(addDays(t, 2))).not.toEqual(laterBefore);
  });

  it("writes for day t exactly what a live refresh as of t computes, every kind", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    const db = s.db();
    await loadDemoWorkspace(ctx, org.id, { customers: 24, seed: 11, end: END, months: 8 });
    await backfillHistory(ctx, org.id, { asOf: END });
    const t = addDays(END, -40);
    const replayed = await db.kysely
      .selectFrom("score_history")
      .select(["kind", "customer_id", "score", "level", "reasons"])
      .where("org_id", "=", org.id)
      .where("day", "=", t)
      .orderBy("kind")
      .orderBy("customer_id")
      .execute();
    // The live pipeline as of t: its current rows are what it computed for that day.
    await recomputeScores(ctx, org.id, { asOf: t, config, configVersion: 0, cause: "test" });
    const live = await db.kysely
      .selectFrom("scores as s")
      .innerJoin("customers as c", (j) =>
        j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
      )
      .select(["s.kind", "s.customer_id", "s.score", "s.level", "s.top_reasons as reasons", "c.signup_date"])
      .where("s.org_id", "=", org.id)
      .orderBy("s.kind")
      .orderBy("s.customer_id")
      .execute();
    // The replay leaves out days before a customer's signup; every other live row is replayed.
    const expected = live
      .filter((r) => r.signup_date === null || r.signup_date <= t)
      .map(({ signup_date: _, ...r }) => r);
    expect(new Set(replayed.map((r) => r.kind)).size).toBe(12);
    expect(replayed.length).toBeGreaterThan(12 * 10);
    expect(replayed).toEqual(expected);
  });

  it("refuses a bad day count or as-of day, naming it", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    await expect(backfillHistory(ctx, org.id, { days: 0 })).rejects.toThrow(/days must be/);
    await expect(backfillHistory(ctx, org.id, { asOf: "2026-02-30" })).rejects.toThrow(/as-of/);
  });

  it("stops at once when cancelled", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    const abort = new AbortController();
    abort.abort();
    await expect(backfillHistory(ctx, org.id, { signal: abort.signal })).rejects.toThrow(/cancelled/);
  });
});
