import { expect, it } from "vitest";
import { validRavenstack, writeDir } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { ravenstackSourcesFromPath } from "../ingest/ravenstack/sources.ts";
import { listJobs } from "../store/jobs.ts";
import { importRavenstack } from "./import-ravenstack.ts";
import { jobHandlers } from "./job-handlers.ts";
import type { Job } from "./jobs.ts";

const T = new Date("2026-01-01T02:00:00Z");

describeStores("plays_tick job", (s) => {
  it("is queued once per org and minute after a daily refresh, and ticks the org", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => T);
    await importRavenstack(ctx, org.id, ravenstackSourcesFromPath(writeDir(validRavenstack())), {
      grain: "subscription",
      source: "test",
      actor: "test",
    });
    const handlers = jobHandlers();
    const run = (job: Partial<Job>) =>
      handlers[job.kind as "daily_refresh"]({
        ctx,
        job: { id: 1, orgId: org.id, payload: {}, attempts: 1, ...job } as Job,
        signal: new AbortController().signal,
        progress: () => {},
      });
    await run({ kind: "daily_refresh", payload: { day: "2026-01-01" } });
    await run({ kind: "daily_refresh", payload: { day: "2026-01-01" } });
    const queued = await listJobs(s.db(), org.id, { kind: "plays_tick", limit: 10 });
    expect(queued).toEqual([
      expect.objectContaining({
        status: "queued",
        idempotencyKey: "plays_tick:2026-01-01T02:00",
        payload: { asOf: "2026-01-01T02:00:00.000Z" },
      }),
    ]);
    const r = (await run({ kind: "plays_tick", payload: queued[0]!.payload })) as {
      tickId: string;
      customers: number;
    };
    expect(r).toMatchObject({ tickId: "tick:2026-01-01T02:00", customers: 3 });
  });
});
