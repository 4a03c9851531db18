import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import type { UseCaseContext } from "../usecases/context.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { enqueue, getJob } from "../usecases/jobs.ts";
import { registry } from "../usecases/metrics.ts";
import { createWorker } from "./worker.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeStores("worker stop", (s) => {
  const ctx = (): UseCaseContext => ({ db: s.db(), defaults: parseConfig({}), now: () => new Date() });

  it("waits for short jobs and gives back, after the timeout, the ones still running", async () => {
    const org = await s.freshOrg();
    const long = await enqueue(s.db(), org.id, { kind: "ping", payload: { sleep_ms: 60_000 } }, new Date());
    const short = await enqueue(s.db(), org.id, { kind: "ping", payload: { sleep_ms: 100 } }, new Date());
    const worker = createWorker({
      ctx: ctx(),
      handlers: jobHandlers(),
      orgId: org.id,
      concurrency: 2,
      pollMs: 20,
    });
    worker.start();
    for (let i = 0; i < 100 && (await getJob(ctx(), org.id, long.id)).status !== "running"; i++)
      await sleep(20);
    const started = Date.now();
    const { released } = await worker.stop({ timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(released).toEqual([long.id]);
    expect(await getJob(ctx(), org.id, long.id)).toMatchObject({
      status: "queued",
      attempts: 0,
      lockedBy: null,
      leaseUntil: null,
    });
    expect((await getJob(ctx(), org.id, short.id)).status).toBe("done");
    // Both runs are in the job-duration histogram, by kind and outcome.
    const text = await registry.metrics();
    expect(text).toMatch(/holdfast_job_duration_seconds_count\{kind="ping",outcome="released"\} [1-9]/);
    expect(text).toMatch(/holdfast_job_duration_seconds_count\{kind="ping",outcome="done"\} [1-9]/);
  });

  it("stops at once with nothing in hand", async () => {
    const org = await s.freshOrg();
    const worker = createWorker({ ctx: ctx(), handlers: jobHandlers(), orgId: org.id, pollMs: 20 });
    worker.start();
    expect(await worker.stop({ timeoutMs: 5_000 })).toEqual({ released: [] });
  });
});
