import { beforeAll, describe, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { buildApp } from "../api/app.ts";
import { parseConfig } from "../core/config.ts";
import { buildTimeline, timelinePage } from "../core/customers/timeline.ts";
import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { backfillHistory } from "./backfill-history.ts";
import { customerTimeline } from "./customer-timeline.ts";
import { loadDemoWorkspace } from "./load-demo-workspace.ts";
import { logOutcome } from "./log-outcome.ts";

const END = "2026-06-30";
const now = () => new Date("2026-07-01T06:00:00Z");
const config = parseConfig({});

describe("timeline in words", () => {
  it("words every source, newest first, and pages each entry once", () => {
    const entries = buildTimeline({
      changes: [
        {
          id: 1,
          kind: "churn_risk",
          old_score: 40,
          new_score: 80,
          old_level: "medium",
          new_level: "high",
          crossed: "churn_risk>=75",
          cause: "daily",
          at: "2026-06-02T06:00:00.000Z",
        },
      ],
      history: [
        { kind: "health", day: "2026-05-01", score: 70, level: "stable" },
        { kind: "health", day: "2026-05-02", score: 40, level: "at_risk" },
      ],
      transitions: [
        { day: "2026-05-03", from_stage: "active", to_stage: "at_risk", reason: "Health 40 below 50" },
      ],
      tickets: [
        {
          id: "T1",
          submitted_at: "2026-05-04 10:00:00",
          subject: "Export broken",
          priority: "high",
          escalated: 1,
        },
      ],
      nps: [{ respondent: "a@x.io", day: "2026-05-05", score: 3, comment: null }],
      outcomes: [
        { id: 2, outcome: "call_booked", notes: "", author: "ana", created_at: "2026-05-06T09:00:00.000Z" },
      ],
      audit: [
        {
          id: 3,
          at: "2026-05-07T09:00:00.000Z",
          actor: "ana",
          action: "checklist.done",
          subject: "customer:c",
          detail: '{"step":"usage-checkin"}',
        },
      ],
    });
    expect(entries.map((e) => e.kind)).toEqual([
      "score_change",
      "checklist",
      "outcome",
      "nps",
      "ticket",
      "lifecycle",
      "level_change",
    ]);
    expect(entries[0]!.title).toBe("Churn risk reached 75");
    expect(entries.find((e) => e.kind === "ticket")!.title).toBe("Ticket submitted: Export broken");
    expect(entries.find((e) => e.kind === "ticket")!.detail).toBe("High priority, escalated");
    expect(entries.find((e) => e.kind === "level_change")!.title).toBe("Health went from stable to at risk");
    expect(entries.find((e) => e.kind === "outcome")!.title).toBe("Outcome logged: call booked");
    for (const e of entries) expect(`${e.title} ${e.detail}`).not.toMatch(/[a-z]+_[a-z]+/);
    const seen: string[] = [];
    let after: { at: string; key: string } | null = null;
    for (;;) {
      const p = timelinePage(entries, 3, after);
      seen.push(...p.items.map((e) => `${e.at}|${e.key}`));
      if (!p.next) break;
      const last = p.items.at(-1)!;
      after = { at: last.at, key: last.key };
    }
    expect(seen).toEqual(entries.map((e) => `${e.at}|${e.key}`));
  });
});

describeStores("customer timeline", (s) => {
  let org: Org;
  let customerId: string;
  beforeAll(async () => {
    org = await s.freshOrg();
    const ctx = testContext(s.db(), now, config);
    await loadDemoWorkspace(ctx, org.id, { customers: 12, seed: 11, end: END, months: 6 });
    await backfillHistory(ctx, org.id, { asOf: END });
    const c = await s
      .db()
      .kysely.selectFrom("customers")
      .select("id")
      .where("org_id", "=", org.id)
      .orderBy("signup_date")
      .executeTakeFirstOrThrow();
    customerId = c.id;
    await logOutcome(ctx, org.id, {
      customerId,
      outcome: "contacted",
      notes: "Called the admin",
      actor: "ana",
    });
  });

  it("pages every entry once, newest first", async () => {
    const ctx = testContext(s.db(), now, config);
    const all = await customerTimeline(ctx, org.id, customerId, { limit: 200 });
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.items.map((e) => e.kind)).toContain("outcome");
    expect(all.items.map((e) => e.kind)).toContain("import");
    const times = all.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const paged: typeof all.items = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await customerTimeline(ctx, org.id, customerId, { limit: 4, cursor });
      paged.push(...page.items);
      if (!page.next) break;
      cursor = page.next;
    }
    expect(paged).toEqual(all.items);
  });

  it("gives every entry a stable id, <kind>:<source id>, unique in the timeline (issue 18)", async () => {
    const ctx = testContext(s.db(), now, config);
    const first = await customerTimeline(ctx, org.id, customerId, { limit: 200 });
    const ids = first.items.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of first.items)
      expect(e.id.startsWith(`${e.kind}:`) || e.id.startsWith("play:") || e.id.startsWith("outbox:")).toBe(
        true,
      );
    // Read again after a new entry: the entries already there keep their ids.
    await logOutcome(ctx, org.id, { customerId, outcome: "meeting_scheduled", notes: "", actor: "ana" });
    const again = await customerTimeline(ctx, org.id, customerId, { limit: 200 });
    const byId = new Map(again.items.map((e) => [e.id, e]));
    for (const e of first.items) expect(byId.get(e.id)).toEqual(e);
    expect(again.items.length).toBe(first.items.length + 1);
  });

  it("answers the route for its org only, and refuses bad paging naming the field", async () => {
    const app = await buildApp({ db: s.db(), config, now, webDir: "/nonexistent" });
    const key = (await createApiKey(s.db(), org.id, { role: "viewer", name: "v", now: now() })).key;
    const other = await s.freshOrg();
    const otherKey = (await createApiKey(s.db(), other.id, { role: "admin", name: "o", now: now() })).key;
    const get = (url: string, k: string) =>
      app.inject({ method: "GET", url, headers: { authorization: `Bearer ${k}` } });
    const ok = await get(`/v1/customers/${customerId}/timeline?limit=3`, key);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(3);
    expect(typeof ok.json().next).toBe("string");
    const next = await get(`/v1/customers/${customerId}/timeline?limit=3&cursor=${ok.json().next}`, key);
    expect(next.json().items[0].at <= ok.json().items[2].at).toBe(true);
    expect((await get(`/v1/customers/${customerId}/timeline`, otherKey)).statusCode).toBe(404);
    const bad = await get(`/v1/customers/${customerId}/timeline?limit=0`, key);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/limit/);
    const badCursor = await get(`/v1/customers/${customerId}/timeline?cursor=nope`, key);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toMatch(/cursor/);
    await app.close();
  });
});
