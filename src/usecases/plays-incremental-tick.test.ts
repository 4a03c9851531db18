import { expect, it } from "vitest";
import { describeStores, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import type { ScoreChange } from "../core/scores/changes.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { listJobs } from "../store/jobs.ts";
import { listDecisions } from "../store/plays/decisions.ts";
import { listOutbox } from "../store/plays/outbox.ts";
import { runsOf } from "../store/plays/runs.ts";
import { insertScoreChanges } from "../store/score-changes.ts";
import { jobHandlers } from "./job-handlers.ts";
import type { Job } from "./jobs.ts";
import { runPlaysTick } from "./run-plays-tick.ts";
import { scheduleDueWork } from "./schedule-work.ts";

/**
 * Incremental plays ticks (docs/plays.md "Incremental ticks"): a tick evaluates only customers
 * with something new and writes the same outbox as a full tick; the scheduler's step timer
 * queues the tick that sends a deferred email.
 */

const config = parseConfig({ plays: { surfaces: ["cancel_flow"] } });
const change = (customerId: string, kind: ScoreChange["kind"], from: string, to: string): ScoreChange => ({
  customerId,
  kind,
  oldScore: null,
  newScore: null,
  oldLevel: from,
  newLevel: to,
  crossed: null,
});

interface Day {
  day: string;
  changes?: ScoreChange[];
  /** Also tick at 23:00 UTC (quiet hours: emails defer to 08:00). */
  night?: boolean;
}

/** Twelve days of one small book: milestones, score changes, limits, a cancel, a payment failure. */
const DAYS: Day[] = [
  { day: "2026-06-01", changes: [change("c5", "churn_risk", "high", "critical")] },
  { day: "2026-06-02", changes: [change("c2", "churn_risk", "medium", "high")] },
  { day: "2026-06-03", changes: [change("c3", "health", "healthy", "watch")], night: true },
  { day: "2026-06-04" },
  { day: "2026-06-05", night: true },
  { day: "2026-06-06", changes: [change("c6", "churn_risk", "medium", "high")] },
  { day: "2026-06-07" },
  { day: "2026-06-08", changes: [change("c7", "health", "healthy", "watch")], night: true },
  { day: "2026-06-09" },
  { day: "2026-06-10", changes: [change("c2", "churn_risk", "high", "critical")] },
  { day: "2026-06-11" },
  { day: "2026-06-12" },
];

const EVENTS: [customer: string, type: string, ts: string, props: Record<string, unknown>][] = [
  ["c4", "usage_metered", "2026-06-04T10:00:00.000Z", { meter: "seats", value: 85, limit: 100 }],
  ["c4", "usage_metered", "2026-06-06T10:00:00.000Z", { meter: "seats", value: 100, limit: 100 }],
  ["c6", "subscription_canceled", "2026-06-07T10:00:00.000Z", { reason: "too expensive" }],
  ["c8", "invoice_payment_failed", "2026-06-05T09:00:00.000Z", {}],
  ["c2", "page_view", "2026-06-09T11:00:00.000Z", { page: "/pricing" }],
];

/** The book: c1 and c7 are in tenure-milestone months during the scenario. */
async function book(s: StoreCase) {
  const org = await s.freshOrg();
  const signups: Record<string, string> = {
    // Month 3 from June 5 (staged annual offers), month 12 from June 6 (and loyalty).
    c1: "2026-03-05",
    c2: "2025-02-10",
    c3: "2025-06-20",
    c4: "2025-01-15",
    c5: "2024-11-30",
    c6: "2025-09-09",
    c7: "2025-06-06",
    c8: "2025-04-01",
  };
  for (const [id, signup] of Object.entries(signups)) {
    await upsertCustomer(s.db(), org.id, id, { arr: 12_000, signup_date: signup, owner: "ana" });
  }
  await s
    .db()
    .kysely.updateTable("customers")
    .set({ status: "active" })
    .where("org_id", "=", org.id)
    .execute();
  let n = 0;
  for (const [customer, type, ts, props] of EVENTS)
    await s
      .db()
      .kysely.insertInto("events")
      .values({
        org_id: org.id,
        id: `e${n++}`,
        customer_id: customer,
        type,
        ts,
        properties: JSON.stringify(props),
        received_at: ts,
      })
      .execute();
  return org;
}

/** Ticks one org over DAYS (daily at 15:00 UTC, some nights at 23:00); returns customers evaluated. */
async function replay(s: StoreCase, orgId: number, full: boolean) {
  let evaluated = 0;
  const modes = new Set<string>();
  for (const d of DAYS) {
    const at = new Date(`${d.day}T15:00:00Z`);
    const ctx = testContext(s.db(), () => at, config);
    if (d.changes)
      await insertScoreChanges(s.db(), orgId, d.changes, {
        cause: "test",
        configVersion: 0,
        at: at.toISOString(),
      });
    for (const t of [at, ...(d.night ? [new Date(`${d.day}T23:00:00Z`)] : [])]) {
      const r = await runPlaysTick(ctx, orgId, { asOf: t, full });
      evaluated += r.customers;
      modes.add(r.mode);
    }
  }
  return { evaluated, modes };
}

const outboxOf = async (s: StoreCase, orgId: number) =>
  (await listOutbox(s.db(), orgId, 10_000))
    .map((r) => [r.customer_id, r.tactic, r.run_id, r.step_id, r.channel, r.status, r.created_at].join("|"))
    .sort();

describeStores("incremental plays ticks", (s) => {
  it("write the same outbox as full ticks over a scenario, evaluating fewer customers", async () => {
    const inc = await book(s);
    const full = await book(s);
    const a = await replay(s, inc.id, false);
    const b = await replay(s, full.id, true);
    const outInc = await outboxOf(s, inc.id);
    const outFull = await outboxOf(s, full.id);
    expect(outFull.length).toBeGreaterThan(5);
    // In-app steps, emails (some deferred from the night ticks), CSM tasks and Slack alerts.
    const channels = new Set(outFull.map((r) => r.split("|")[4]));
    for (const c of ["in_app", "email", "csm_task", "slack"]) expect(channels).toContain(c);
    // No email went out in quiet hours: those a night tick deferred left with the next day's tick.
    expect(outFull.filter((r) => r.includes("|email|")).every((r) => r.endsWith("T15:00:00.000Z"))).toBe(
      true,
    );
    expect(outInc).toEqual(outFull);
    // The first tick is full; after it, only customers with something new are evaluated.
    expect(a.modes).toEqual(new Set(["full", "incremental"]));
    expect(b.modes).toEqual(new Set(["full"]));
    expect(a.evaluated).toBeLessThan(b.evaluated / 2);
    // Runs end in the same states.
    const runs = async (orgId: number) =>
      (await runsOf(s.db(), orgId, ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"]))
        .map((r) => [r.customer_id, r.run_id, r.status, r.exit_cause, r.next_due_at].join("|"))
        .sort();
    expect(await runs(inc.id)).toEqual(await runs(full.id));
  });

  it("a tick with nothing changed evaluates no customer and writes nothing", async () => {
    // c1 and c7 are in tenure-milestone months: asked (and refused) once, not again each tick.
    const org = await book(s);
    await replay(s, org.id, false);
    const decisions = (await listDecisions(s.db(), org.id, { limit: 10_000 })).length;
    const outbox = (await listOutbox(s.db(), org.id, 10_000)).length;
    const at = new Date("2026-06-12T16:00:00Z");
    const r = await runPlaysTick(
      testContext(s.db(), () => at, config),
      org.id,
      { asOf: at },
    );
    expect(r).toMatchObject({
      mode: "incremental",
      customers: 0,
      decisions: [],
      written: { runs: 0, decisions: 0, outbox: 0, approvals: 0 },
      reasons: { changes: 0, events: 0, tickets: 0, timers: 0, offers: 0, schedules: 0 },
    });
    expect((await listDecisions(s.db(), org.id, { limit: 10_000 })).length).toBe(decisions);
    expect((await listOutbox(s.db(), org.id, 10_000)).length).toBe(outbox);
    // In flight still counts every open run of the org, not only those evaluated.
    expect(Object.values(r.counts).reduce((n, c) => n + c.inFlight, 0)).toBeGreaterThan(0);
    // --full evaluates everyone again.
    const f = await runPlaysTick(
      testContext(s.db(), () => at, config),
      org.id,
      {
        asOf: new Date("2026-06-12T16:05:00Z"),
        full: true,
      },
    );
    expect(f).toMatchObject({ mode: "full", customers: 8 });
  });

  it("the scheduler's step timer queues the tick that sends an email deferred by quiet hours", async () => {
    const org = await s.freshOrg();
    await upsertCustomer(s.db(), org.id, "c1", { arr: 12_000, signup_date: "2025-01-01", owner: "ana" });
    await s
      .db()
      .kysely.updateTable("customers")
      .set({ status: "active" })
      .where("org_id", "=", org.id)
      .execute();
    const night = new Date("2026-06-01T23:00:00Z");
    await insertScoreChanges(s.db(), org.id, [change("c1", "health", "healthy", "watch")], {
      cause: "test",
      configVersion: 0,
      at: night.toISOString(),
    });
    const r = await runPlaysTick(
      testContext(s.db(), () => night, config),
      org.id,
      { asOf: night },
    );
    expect(r.decisions).toContainEqual(
      expect.objectContaining({ tactic: "proactive-check-in", outcome: "defer", rule: "quiet_hours" }),
    );
    const ticks = async () => listJobs(s.db(), org.id, { kind: "plays_tick", limit: 10 });
    // Before the end of quiet hours the timer queues nothing.
    await scheduleDueWork(
      testContext(s.db(), () => new Date("2026-06-02T07:59:00Z"), config),
      { orgId: org.id },
    );
    expect(await ticks()).toEqual([]);
    // At 08:00 two schedulers (two processes) queue one tick.
    const eight = new Date("2026-06-02T08:00:00Z");
    const w = await scheduleDueWork(
      testContext(s.db(), () => eight, config),
      { orgId: org.id },
    );
    await scheduleDueWork(
      testContext(s.db(), () => new Date("2026-06-02T08:00:30Z"), config),
      { orgId: org.id },
    );
    expect(w.playsTimers).toEqual([org.id]);
    const queued = await ticks();
    expect(queued).toEqual([
      expect.objectContaining({ status: "queued", idempotencyKey: "plays_timer:2026-06-02T08:00" }),
    ]);
    // The worker runs it (no refresh ran in between): the email goes out at 08:01.
    const ctx = testContext(s.db(), () => new Date("2026-06-02T08:01:00Z"), config);
    const result = await jobHandlers().plays_tick({
      ctx,
      job: { ...queued[0]!, attempts: 1 } as Job,
      signal: new AbortController().signal,
      progress: () => {},
    });
    expect(result).toMatchObject({ customers: 1 });
    expect((await listOutbox(s.db(), org.id)).filter((x) => x.tactic === "proactive-check-in")).toEqual([
      expect.objectContaining({
        channel: "email",
        status: "pending",
        created_at: "2026-06-02T08:01:00.000Z",
      }),
    ]);
    // The run's timer moved on: the next scheduler pass queues nothing more.
    await scheduleDueWork(
      testContext(s.db(), () => new Date("2026-06-02T08:02:00Z"), config),
      { orgId: org.id },
    );
    expect(await ticks()).toHaveLength(1);
  });
});
