import { expect, it } from "vitest";
import { describeStores, type StoreCase } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { insertApproval, listApprovals } from "../store/plays/approvals.ts";
import { listDecisions } from "../store/plays/decisions.ts";
import { offersOf, saveOffers } from "../store/plays/offers.ts";
import { insertOutbox, listOutbox } from "../store/plays/outbox.ts";
import { runsOf } from "../store/plays/runs.ts";
import { listTasks } from "../store/plays/tasks.ts";
import { insertScoreChanges } from "../store/score-changes.ts";
import { decidePlayApproval } from "./decide-approval.ts";
import { runPlaysTick } from "./run-plays-tick.ts";

const T = new Date("2026-06-01T15:00:00Z");
const HIGH = "churn-risk-high-intervention";

async function setup(
  s: StoreCase,
  o: { arr?: number; status?: string; config?: unknown; change?: boolean } = {},
) {
  const org = await s.freshOrg();
  const ctx = testContext(s.db(), () => T, parseConfig(o.config ?? {}));
  await upsertCustomer(s.db(), org.id, "c1", {
    arr: o.arr ?? 12_000,
    signup_date: "2025-01-01",
    owner: "ana",
  });
  await s
    .db()
    .kysely.updateTable("customers")
    .set({ status: o.status ?? "active" })
    .where("org_id", "=", org.id)
    .execute();
  if (o.change !== false)
    await insertScoreChanges(
      s.db(),
      org.id,
      [
        {
          customerId: "c1",
          kind: "churn_risk",
          oldScore: 40,
          newScore: 60,
          oldLevel: "medium",
          newLevel: "high",
          crossed: null,
        },
      ],
      { cause: "test", configVersion: 0, at: T.toISOString() },
    );
  return { org, ctx };
}

describeStores("runPlaysTick", (s) => {
  it("fires a tactic on a score change and writes one outbox row; a rerun writes nothing new", async () => {
    const { org, ctx } = await setup(s);
    const r = await runPlaysTick(ctx, org.id, { asOf: T });
    expect(r.counts[HIGH]).toMatchObject({ eligible: 1, started: 1, fired: 1, inFlight: 1 });
    const out = await listOutbox(s.db(), org.id);
    expect(out.filter((x) => x.tactic === HIGH)).toEqual([
      expect.objectContaining({
        channel: "in_app",
        status: "pending",
        idempotency_key: `play:${org.id}:c1:${HIGH}:${HIGH}@${T.toISOString()}:in_app`,
      }),
    ]);
    const decisions = await listDecisions(s.db(), org.id, { limit: 100 });
    const runs = await runsOf(s.db(), org.id, ["c1"]);
    expect(runs.filter((x) => x.tactic === HIGH)).toHaveLength(1);

    // Same as-of again, then an hour later: no new outbox row, decision or run.
    const again = await runPlaysTick(ctx, org.id, { asOf: T });
    expect(again.written).toMatchObject({ outbox: 0, decisions: 0 });
    await runPlaysTick(ctx, org.id, { asOf: new Date(T.getTime() + 3_600_000) });
    expect(await listOutbox(s.db(), org.id)).toHaveLength(out.length);
    // A later tick decides again (schedules come round) but fires nothing new.
    const later = await listDecisions(s.db(), org.id, { limit: 100 });
    expect(later.slice(0, later.length - decisions.length).filter((d) => d.outcome === "fire")).toEqual([]);
    expect(await runsOf(s.db(), org.id, ["c1"])).toHaveLength(runs.length);
  });

  it("a dry run returns the decisions and writes nothing", async () => {
    const { org, ctx } = await setup(s);
    const dry = await runPlaysTick(ctx, org.id, { asOf: T, dryRun: true });
    expect(dry.decisions).toContainEqual(
      expect.objectContaining({ tactic: HIGH, kind: "start", outcome: "fire" }),
    );
    expect(await listOutbox(s.db(), org.id)).toEqual([]);
    expect(await listDecisions(s.db(), org.id, { limit: 10 })).toEqual([]);
    expect(await runsOf(s.db(), org.id, ["c1"])).toEqual([]);
    // The change was not consumed: the real tick still fires, with the same decisions.
    const real = await runPlaysTick(ctx, org.id, { asOf: T });
    expect(real.decisions).toEqual(dry.decisions);
    expect((await listOutbox(s.db(), org.id)).length).toBeGreaterThan(0);
  });

  it("records a suppressed play with its rule, reason and no outbox row", async () => {
    const { org, ctx } = await setup(s, { status: "churned" });
    await runPlaysTick(ctx, org.id, { asOf: T });
    const d = await listDecisions(s.db(), org.id, { tactic: HIGH, limit: 10 });
    expect(d).toEqual([
      expect.objectContaining({
        outcome: "suppress",
        rule: "churned",
        kind: "start",
        tick_id: "tick:2026-06-01T15:00",
      }),
    ]);
    expect(d[0]!.reason.length).toBeGreaterThan(10);
    expect((await listOutbox(s.db(), org.id)).filter((x) => x.tactic === HIGH)).toEqual([]);
  });

  it("an account above the ARR threshold waits for approval; approve releases it", async () => {
    const { org, ctx } = await setup(s, { arr: 120_000 });
    await runPlaysTick(ctx, org.id, { asOf: T });
    const held = (await listOutbox(s.db(), org.id)).filter((x) => x.tactic === HIGH);
    expect(held).toEqual([expect.objectContaining({ channel: "in_app", status: "held" })]);
    const [a] = await listApprovals(s.db(), org.id, { status: "pending", limit: 10 });
    expect(a).toMatchObject({ tactic: HIGH, customer_id: "c1", idempotency_key: held[0]!.idempotency_key });
    expect(a!.why).toMatch(/ARR 120000 is above the approval threshold 50000/);
    await expect(
      decidePlayApproval(ctx, org.id, a!.id, { decision: "approve", reason: " ", actor: "boss" }),
    ).rejects.toThrow(/reason/);
    const done = await decidePlayApproval(ctx, org.id, a!.id, {
      decision: "approve",
      reason: "key account",
      actor: "boss",
    });
    expect(done).toMatchObject({ status: "approved", decided_by: "boss", reason: "key account" });
    expect((await listOutbox(s.db(), org.id)).find((x) => x.tactic === HIGH)?.status).toBe("pending");
    await expect(
      decidePlayApproval(ctx, org.id, a!.id, { decision: "reject", reason: "late", actor: "boss" }),
    ).rejects.toThrow(/only a pending one/);
  });

  it("approving a held email releases it and queues the dispatcher at once", async () => {
    const { org, ctx } = await setup(s, { change: false });
    const key = "play:test:c1:churn-risk-high-intervention:r:email";
    await insertOutbox(s.db(), org.id, [
      {
        idempotency_key: key,
        customer_id: "c1",
        tactic: HIGH,
        run_id: "r",
        step_id: "email",
        channel: "email",
        payload: JSON.stringify({
          action: "risk.high.email",
          offer_id: null,
          approval: true,
          at: T.toISOString(),
        }),
        status: "held",
        created_at: T.toISOString(),
      },
    ]);
    await insertApproval(s.db(), org.id, {
      idempotency_key: key,
      customer_id: "c1",
      tactic: HIGH,
      what: "email",
      why: "ARR above the threshold",
      status: "pending",
      decided_by: null,
      reason: null,
      decided_at: null,
      expires_at: "2026-06-04T15:00:00.000Z",
      created_at: T.toISOString(),
    });
    const dispatches = () =>
      s
        .db()
        .kysely.selectFrom("jobs")
        .select("status")
        .where("org_id", "=", org.id)
        .where("kind", "=", "dispatch_outbox")
        .execute();
    expect(await dispatches()).toEqual([]);
    const [a] = await listApprovals(s.db(), org.id, { status: "pending", limit: 10 });
    await decidePlayApproval(ctx, org.id, a!.id, {
      decision: "approve",
      reason: "key account",
      actor: "boss",
    });
    expect((await listOutbox(s.db(), org.id)).find((x) => x.idempotency_key === key)?.status).toBe("pending");
    expect(await dispatches()).toEqual([{ status: "queued" }]);
  });

  it("refuses a second discount through the store path (the ledger, whatever surface asks)", async () => {
    const { org, ctx } = await setup(s, { change: false, config: { plays: { surfaces: ["cancel_flow"] } } });
    await saveOffers(s.db(), org.id, [
      {
        id: "staged-annual-offers@month-3:offer",
        customer_id: "c1",
        tactic: "staged-annual-offers",
        surface: "in_app",
        kind: "percent_forever",
        status: "accepted",
        percent: 15,
        cycles: null,
        months: null,
        days: null,
        trial_id: null,
        proposed_at: "2026-04-15T15:00:00.000Z",
        expires_at: "2026-04-22T15:00:00.000Z",
        decided_at: "2026-04-16T15:00:00.000Z",
        ends_at: null,
      },
    ]);
    await s
      .db()
      .kysely.insertInto("events")
      .values({
        org_id: org.id,
        id: "e1",
        customer_id: "c1",
        type: "subscription_canceled",
        ts: "2026-06-01T14:00:00.000Z",
        properties: "{}",
        received_at: "2026-06-01T14:00:00.000Z",
      })
      .execute();
    await runPlaysTick(ctx, org.id, { asOf: T });
    const d = await listDecisions(s.db(), org.id, { tactic: "first-screen-save-offer", limit: 10 });
    expect(d).toContainEqual(
      expect.objectContaining({
        kind: "step",
        outcome: "suppress",
        rule: "offer_refused",
        reason: expect.stringMatching(/^one_discount/),
      }),
    );
    const discounts = (await offersOf(s.db(), org.id, ["c1"])).filter((o) => o.kind.startsWith("percent"));
    expect(discounts.map((o) => o.status)).toEqual(["accepted"]);
    expect((await listOutbox(s.db(), org.id)).filter((x) => x.tactic === "first-screen-save-offer")).toEqual(
      [],
    );
  });

  it("a critical-tier win-back makes a CSM task in the store, once", async () => {
    const { org, ctx } = await setup(s, { change: false });
    await insertScoreChanges(
      s.db(),
      org.id,
      [
        {
          customerId: "c1",
          kind: "churn_risk",
          oldScore: 60,
          newScore: 80,
          oldLevel: "high",
          newLevel: "critical",
          crossed: null,
        },
      ],
      { cause: "test", configVersion: 0, at: T.toISOString() },
    );
    await runPlaysTick(ctx, org.id, { asOf: T });
    await runPlaysTick(ctx, org.id, { asOf: T });
    const tasks = await listTasks(s.db(), org.id, { limit: 10 });
    expect(tasks).toEqual([
      expect.objectContaining({
        tactic: "churn-risk-critical-winback",
        owner: "ana",
        status: "open",
        due_on: "2026-06-03",
      }),
    ]);
    expect(tasks[0]!.reason).toMatch(/Critical-Tier Win-Back/);
  });

  it("defers an email in quiet hours and names when they end; a tick then sends it", async () => {
    const { org, ctx } = await setup(s, { change: false });
    const night = new Date("2026-06-01T23:00:00Z");
    await insertScoreChanges(
      s.db(),
      org.id,
      [
        {
          customerId: "c1",
          kind: "health",
          oldScore: 70,
          newScore: 50,
          oldLevel: "healthy",
          newLevel: "watch",
          crossed: null,
        },
      ],
      { cause: "test", configVersion: 0, at: night.toISOString() },
    );
    const r = await runPlaysTick(ctx, org.id, { asOf: night });
    expect(r.decisions).toContainEqual(
      expect.objectContaining({
        tactic: "proactive-check-in",
        kind: "step",
        outcome: "defer",
        rule: "quiet_hours",
      }),
    );
    expect(r.nextDueAt).toBe("2026-06-02T08:00:00.000Z");
    // A tick at that time sends the email; nothing reached the outbox before.
    expect((await listOutbox(s.db(), org.id)).filter((x) => x.tactic === "proactive-check-in")).toEqual([]);
    await runPlaysTick(ctx, org.id, { asOf: new Date("2026-06-02T08:00:00Z") });
    expect((await listOutbox(s.db(), org.id)).filter((x) => x.tactic === "proactive-check-in")).toEqual([
      expect.objectContaining({
        channel: "email",
        status: "pending",
        created_at: "2026-06-02T08:00:00.000Z",
      }),
    ]);
  });
});
