import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { listJobs } from "../store/jobs.ts";
import { listOutbox } from "../store/plays/outbox.ts";
import { jobHandlers } from "./job-handlers.ts";
import type { Job } from "./jobs.ts";
import { listTactics } from "./list-tactics.ts";
import { loadDemoWorkspace } from "./load-demo-workspace.ts";
import { localTimeOn, simulatePlays } from "./simulate-plays.ts";

const END = "2026-05-31";
const NOW = new Date("2026-06-01T09:00:00Z");

it("finds the instant of a local time of day in a zone", () => {
  expect(localTimeOn("2026-06-01", "02:00", "UTC").toISOString()).toBe("2026-06-01T02:00:00.000Z");
  expect(localTimeOn("2026-06-01", "02:00", "Europe/Paris").toISOString()).toBe("2026-06-01T00:00:00.000Z");
  expect(localTimeOn("2026-01-15", "09:30", "America/New_York").toISOString()).toBe(
    "2026-01-15T14:30:00.000Z",
  );
});

describeStores("plays simulation", (s) => {
  it("the demo load queues it; the job ticks daily and the tactics' counts reflect it", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => NOW);
    await loadDemoWorkspace(ctx, org.id, { customers: 40, seed: 3, end: END, months: 8 });
    const queued = await listJobs(s.db(), org.id, { kind: "plays_simulate", limit: 5 });
    expect(queued).toEqual([
      expect.objectContaining({
        status: "queued",
        priority: 0,
        idempotencyKey: `plays_simulate:${END}:30`,
        payload: { days: 30, end: END },
      }),
    ]);
    const progress: unknown[] = [];
    const r = (await jobHandlers().plays_simulate({
      ctx,
      job: { ...queued[0]!, payload: { days: 6, end: END }, attempts: 1 } as Job,
      signal: new AbortController().signal,
      progress: (p) => progress.push(p),
    })) as Omit<Awaited<ReturnType<typeof simulatePlays>>, "counts">;
    expect(r).toMatchObject({ from: "2026-05-26", to: END, days: 6, cancelled: false });
    expect(r.ticks).toBeGreaterThanOrEqual(6);
    expect(progress).toHaveLength(6);
    expect(progress.at(-1)).toMatchObject({ day: END, done: 6, days: 6 });
    // Every tick was written (no dry run): decisions per tactic, outbox rows dated in the window.
    const tactics = await listTactics(ctx, org.id);
    const eligible = tactics.reduce((n, t) => n + t.counts.eligible, 0);
    expect(eligible).toBeGreaterThan(0);
    expect(r.decisions).toBeGreaterThanOrEqual(eligible);
    const out = await listOutbox(s.db(), org.id, 10_000);
    expect(out.length).toBe(r.outbox);
    for (const o of out)
      expect(o.created_at.slice(0, 10) >= "2026-05-26" && o.created_at <= "2026-06-01").toBe(true);
  }, 120_000);

  it("refuses a bad number of days, naming the field", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => NOW, parseConfig({}));
    await expect(simulatePlays(ctx, org.id, { days: 0 })).rejects.toThrow(/days: expected a whole number/);
    await expect(simulatePlays(ctx, org.id, { days: 3, end: "June" })).rejects.toThrow(/end: expected a day/);
  });
});
