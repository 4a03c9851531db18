import { afterEach, expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { startReceiver } from "../../../test/support/webhook-receiver.ts";
import { parseConfig } from "../../core/config.ts";
import { WEBHOOK_PAYLOAD_VERSION, type WebhookEvent } from "../../core/delivery/webhook-events.ts";
import { upsertCustomer } from "../../store/customer-write.ts";
import { claimOutbox, startAttempts } from "../../store/delivery/outbox-delivery.ts";
import { listJobs } from "../../store/jobs.ts";
import { insertOutbox } from "../../store/plays/outbox.ts";
import { withTransaction } from "../../store/transaction.ts";
import { jobHandlers } from "../job-handlers.ts";
import { scheduleDueWork } from "../schedule-work.ts";
import { dispatchOutbox } from "./dispatch-outbox.ts";
import { createWebhook, deleteWebhook, updateWebhook } from "./manage-webhooks.ts";
import { getOutboxEntry, listOutboxEntries, retryOutbox } from "./outbox-views.ts";
import { slackAlertRow } from "./slack-alerts.ts";
import { emitWebhookEvents } from "./webhook-fanout.ts";

const T0 = new Date("2026-03-01T10:00:00Z");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

const event = (n: number): WebhookEvent => ({
  id: `evt_${n}`,
  type: "play.fired",
  version: WEBHOOK_PAYLOAD_VERSION,
  created_at: T0.toISOString(),
  customer_id: `c${n}`,
  data: { tactic: "winback", n },
});

describeStores("dispatchOutbox (webhooks)", (s) => {
  /** An org with one endpoint at a fresh receiver, a movable clock and delivery settings. */
  async function setup(answer: (n: number) => number, delivery: Record<string, unknown> = {}) {
    const org = await s.freshOrg();
    let now = T0;
    const clock = { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
    const ctx = testContext(s.db(), clock.now, parseConfig({ delivery }));
    let secret = "";
    const rx = await startReceiver({ answer, secret: () => secret, now: clock.now });
    closers.push(rx.close);
    const ep = await createWebhook(ctx, org.id, { url: rx.url, events: ["play.fired"] }, "test");
    secret = ep.secret;
    const emit = (events: WebhookEvent[]) =>
      withTransaction(s.db(), (tx) => emitWebhookEvents(tx, org.id, events, clock.now()));
    // Full jitter's upper end, so the test knows when each retry is due.
    const dispatch = () => dispatchOutbox(ctx, org.id, { random: () => 1 });
    return { org, ctx, clock, rx, ep, emit, dispatch };
  }

  it("a receiver answering 500 three times then 200 gets the event once, with four attempts logged", async () => {
    const { org, ctx, clock, rx, ep, emit, dispatch } = await setup((n) => (n <= 3 ? 500 : 200));
    expect(await emit([event(1)])).toBe(1);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await dispatch();
      expect(r.claimed).toBe(1);
      if (r.nextAt) {
        waits.push(new Date(r.nextAt).getTime() - clock.now().getTime());
        clock.advance(new Date(r.nextAt).getTime() - clock.now().getTime());
      }
    }
    // Backoff doubles from the 30 s base: 30 s, 60 s, 120 s.
    expect(waits).toEqual([30_000, 60_000, 120_000]);
    expect(await dispatch()).toMatchObject({ claimed: 0, nextAt: null });
    expect(rx.got).toHaveLength(4);
    expect(rx.got.every((g) => g.verified)).toBe(true);
    expect(rx.accepted()).toHaveLength(1);
    const body = JSON.parse(rx.accepted()[0]!.body) as WebhookEvent;
    expect(body).toMatchObject({ id: "evt_1", type: "play.fired", version: 1, customer_id: "c1" });
    expect(rx.got[0]!.headers["holdfast-idempotency-key"]).toBe(`wh:${ep.id}:evt_1`);
    const list = await listOutboxEntries(ctx, org.id, { channel: "webhook" });
    expect(list.total).toBe(1);
    const entry = await getOutboxEntry(ctx, org.id, list.items[0]!.id);
    expect(entry).toMatchObject({ status: "sent", attempts: 4, last_code: "200" });
    expect(entry.attempt_log.map((a) => [a.attempt, a.status, a.code])).toEqual([
      [1, "failed", "500"],
      [2, "failed", "500"],
      [3, "failed", "500"],
      [4, "ok", "200"],
    ]);
  });

  it("an always-failing receiver ends dead; retry redelivers it with the log kept", async () => {
    let fail = true;
    const { org, ctx, clock, rx, emit, dispatch } = await setup(() => (fail ? 503 : 204), {
      retry: { maxAttempts: { webhook: 3 } },
    });
    await emit([event(1)]);
    for (let i = 0; i < 3; i++) {
      const r = await dispatch();
      if (r.nextAt) clock.advance(new Date(r.nextAt).getTime() - clock.now().getTime());
    }
    const [row] = (await listOutboxEntries(ctx, org.id, { status: "dead" })).items;
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(row!.last_error).toMatch(/HTTP 503.*gave up after 3 attempts/);
    await expect(retryOutbox(ctx, org.id, 999_999, "test")).rejects.toThrow(/No outbox entry/);
    fail = false;
    expect(await retryOutbox(ctx, org.id, row!.id, "test")).toEqual({ retried: [row!.id] });
    await expect(retryOutbox(ctx, org.id, row!.id, "test")).rejects.toThrow(/is pending: only dead/);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const entry = await getOutboxEntry(ctx, org.id, row!.id);
    expect(entry.status).toBe("sent");
    expect(entry.attempt_log.map((a) => a.status)).toEqual(["failed", "failed", "failed", "ok"]);
    expect(rx.accepted()).toHaveLength(1);
  });

  it("respects the per-org, per-channel rate limit over a 60-second window", async () => {
    const { org, ctx, clock, rx, emit, dispatch } = await setup(() => 200, { rateLimits: { webhook: 5 } });
    await emit(Array.from({ length: 12 }, (_, i) => event(i)));
    const first = await dispatch();
    expect(first).toMatchObject({ sent: 5, rateLimited: ["webhook"] });
    expect(new Date(first.nextAt!).getTime()).toBeGreaterThan(clock.now().getTime() + 59_000);
    clock.advance(30_000);
    expect(await dispatch()).toMatchObject({ sent: 0, rateLimited: ["webhook"] });
    clock.advance(31_000);
    expect(await dispatch()).toMatchObject({ sent: 5 });
    clock.advance(61_000);
    expect(await dispatch()).toMatchObject({ sent: 2, rateLimited: [] });
    expect(rx.accepted()).toHaveLength(12);
    expect((await listOutboxEntries(ctx, org.id, { status: "sent" })).total).toBe(12);
  });

  it("a dispatcher that dies mid-delivery leaves its row claimable once the lease ends", async () => {
    const { org, ctx, clock, rx, emit, dispatch } = await setup(() => 200);
    await emit([event(1)]);
    // A dispatcher claims the row, writes its attempt, then is killed before sending.
    await withTransaction(s.db(), async (tx) => {
      const rows = await claimOutbox(tx, org.id, {
        channel: "webhook",
        workerId: "dead-worker",
        limit: 10,
        now: clock.now(),
        leaseMs: 120_000,
      });
      expect(rows).toHaveLength(1);
      await startAttempts(
        tx,
        org.id,
        [],
        [{ outboxId: rows[0]!.id, attempt: 1, channel: "webhook", endpointId: null }],
        clock.now(),
      );
    });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    expect(rx.got).toHaveLength(0);
    clock.advance(120_001);
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    const [row] = (await listOutboxEntries(ctx, org.id, {})).items;
    const entry = await getOutboxEntry(ctx, org.id, row!.id);
    expect(entry.status).toBe("sent");
    expect(entry.attempt_log.map((a) => [a.attempt, a.status])).toEqual([
      [1, "failed"],
      [2, "ok"],
    ]);
    expect(entry.attempt_log[0]!.error).toMatch(/lease expired/);
    expect(rx.accepted()).toHaveLength(1);
  });

  it("ends final failures dead at once, naming why; a CRM-format endpoint gets the CRM record", async () => {
    const { org, ctx, rx, ep, emit, dispatch } = await setup(() => 200);
    await upsertCustomer(s.db(), org.id, "c1", { name: "Acme", owner: "dana", plan_tier: "Pro" });
    await updateWebhook(ctx, org.id, ep.id, { format: "hubspot" }, "test");
    await emit([event(1)]);
    await withTransaction(s.db(), (tx) =>
      insertOutbox(tx, org.id, [
        slackAlertRow("csm_task", "k1", "c1", "winback", "Call them", T0.toISOString()),
      ]),
    );
    expect(await dispatch()).toMatchObject({ sent: 1, dead: 1 });
    expect(JSON.parse(rx.accepted()[0]!.body)).toMatchObject({
      event: { id: "evt_1", type: "play.fired", version: 1 },
      inputs: [{ id: "c1", properties: { name: "Acme", holdfast_owner: "dana", holdfast_tier: "Pro" } }],
    });
    const [slack] = (await listOutboxEntries(ctx, org.id, { channel: "slack" })).items;
    expect(slack).toMatchObject({
      status: "dead",
      last_error: "slack is not configured: set delivery.slack.webhookUrl",
    });

    await emit([event(2)]);
    await deleteWebhook(ctx, org.id, ep.id, "test");
    expect(await dispatch()).toMatchObject({ dead: 1 });
    const [gone] = (await listOutboxEntries(ctx, org.id, { channel: "webhook", status: "dead" })).items;
    expect(gone!.last_error).toBe(`webhook endpoint ${ep.id} was deleted`);
    expect(rx.got).toHaveLength(1);
  });

  it("the scheduler queues a dispatch when a retry comes due, and the job queues its own follow-up", async () => {
    const { org, ctx, clock, emit, dispatch } = await setup((n) => (n === 1 ? 500 : 200));
    await emit([event(1)]);
    const r = await dispatch();
    expect(r).toMatchObject({ retried: 1 });
    const dispatches = async () =>
      (await listJobs(s.db(), org.id, { kind: "dispatch_outbox", limit: 10 })).filter(
        (j) => j.status === "queued",
      );
    const before = (await dispatches()).length;
    await scheduleDueWork(ctx, { orgId: org.id });
    expect((await dispatches()).length).toBe(before); // the retry is not due yet
    clock.advance(new Date(r.nextAt!).getTime() - clock.now().getTime());
    await scheduleDueWork(ctx, { orgId: org.id });
    const queued = await dispatches();
    expect(queued.length).toBeGreaterThan(before);
    const s2 = (await jobHandlers().dispatch_outbox({
      ctx,
      job: queued.at(-1)!,
      signal: new AbortController().signal,
      progress: () => {},
    })) as { sent: number; nextAt: string | null };
    expect(s2).toMatchObject({ sent: 1, nextAt: null });
  });
});
