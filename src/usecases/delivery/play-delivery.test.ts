import { afterEach, expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { startReceiver } from "../../../test/support/webhook-receiver.ts";
import { parseConfig } from "../../core/config.ts";
import { upsertCustomer } from "../../store/customer-write.ts";
import { listJobs } from "../../store/jobs.ts";
import { insertScoreChanges } from "../../store/score-changes.ts";
import { customerTimeline } from "../customer-timeline.ts";
import { jobHandlers } from "../job-handlers.ts";
import type { Job } from "../jobs.ts";
import { logOutcome } from "../log-outcome.ts";
import { runPlaysTick } from "../run-plays-tick.ts";
import { createWebhook } from "./manage-webhooks.ts";
import { listOutboxEntries } from "./outbox-views.ts";

const T = new Date("2026-06-01T15:00:00Z");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

describeStores("delivery after a plays tick (webhooks + Slack)", (s) => {
  it("fans a critical crossing and the play it fires out to a signed endpoint and Slack, once", async () => {
    const org = await s.freshOrg();
    let secret = "";
    const hooks = await startReceiver({ secret: () => secret, now: () => T });
    const slack = await startReceiver({ verify: false });
    closers.push(hooks.close, slack.close);
    const ctx = testContext(
      s.db(),
      () => T,
      parseConfig({ delivery: { slack: { webhookUrl: slack.url, dashboardUrl: "https://hf.example.com" } } }),
    );
    await upsertCustomer(s.db(), org.id, "c1", {
      arr: 12_000,
      signup_date: "2025-01-01",
      owner: "ana",
      name: "Acme",
    });
    await s
      .db()
      .kysely.updateTable("customers")
      .set({ status: "active" })
      .where("org_id", "=", org.id)
      .execute();
    secret = (
      await createWebhook(
        ctx,
        org.id,
        { url: hooks.url, events: ["play.fired", "task.created", "score.band_changed", "outcome.logged"] },
        "test",
      )
    ).secret;
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
    const queued = await listJobs(s.db(), org.id, { kind: "dispatch_outbox", limit: 10 });
    expect(queued.filter((j) => j.status === "queued")).toHaveLength(1);

    const run = () =>
      jobHandlers().dispatch_outbox({
        ctx,
        job: { id: 1, orgId: org.id, payload: {}, attempts: 1, lockedBy: "w" } as Job,
        signal: new AbortController().signal,
        progress: () => {},
      });
    await run();
    await run();
    const types = hooks.accepted().map((g) => (JSON.parse(g.body) as { type: string }).type);
    expect(types.filter((t) => t === "score.band_changed")).toHaveLength(1);
    expect(types.filter((t) => t === "task.created")).toHaveLength(1);
    expect(types).toContain("play.fired");
    expect(hooks.got.every((g) => g.verified)).toBe(true);
    expect(new Set(hooks.got.map((g) => g.headers["holdfast-idempotency-key"])).size).toBe(hooks.got.length);

    const alerts = slack.accepted().map((g) => JSON.parse(g.body) as { text: string; blocks: unknown[] });
    expect(alerts.some((a) => a.text.startsWith("New CSM task: Acme"))).toBe(true);
    expect(alerts.some((a) => a.text.startsWith("Customer crossed into critical risk: Acme"))).toBe(true);
    expect(JSON.stringify(alerts)).toContain("https://hf.example.com/#/customers/c1");
    expect((await listOutboxEntries(ctx, org.id, { channel: "slack", status: "sent" })).total).toBe(
      alerts.length,
    );

    await logOutcome(ctx, org.id, { customerId: "c1", outcome: "saved", notes: "renewed", actor: "test" });
    await run();
    const last = JSON.parse(hooks.accepted().at(-1)!.body) as { type: string; data: { outcome: string } };
    expect(last).toMatchObject({ type: "outcome.logged", data: { outcome: "saved" } });
    const tl = await customerTimeline(ctx, org.id, "c1", { limit: 200 });
    expect(tl.items.some((i) => i.title.startsWith("Message sent: Slack alert"))).toBe(true);
  });
});
