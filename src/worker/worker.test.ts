import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import type { UseCaseContext } from "../usecases/context.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { cancelJob, enqueue, getJob } from "../usecases/jobs.ts";
import { createWorker } from "./worker.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeStores("worker", (s) => {
  const ctx = (): UseCaseContext => ({ db: s.db(), defaults: parseConfig({}), now: () => new Date() });

  it("stops a running job when it is cancelled from elsewhere (the heartbeat carries the request)", async () => {
    const org = await s.freshOrg();
    const { id } = await enqueue(s.db(), org.id, { kind: "ping", payload: { sleep_ms: 60_000 } }, new Date());
    const worker = createWorker({
      ctx: ctx(),
      handlers: jobHandlers(),
      orgId: org.id,
      leaseMs: 600,
      pollMs: 20,
    });
    worker.start();
    for (let i = 0; i < 100 && (await getJob(ctx(), org.id, id)).status !== "running"; i++) await sleep(20);
    const started = Date.now();
    expect((await cancelJob(ctx(), org.id, id)).cancelRequested).toBe(true);
    for (let i = 0; i < 200 && (await getJob(ctx(), org.id, id)).status === "running"; i++) await sleep(20);
    await worker.stop();
    const job = await getJob(ctx(), org.id, id);
    expect(job.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(10_000); // long before the minute the job would take
  });

  it("ends a job of an unknown kind dead at once, naming the kind", async () => {
    const org = await s.freshOrg();
    const { id } = await enqueue(s.db(), org.id, { kind: "ping" }, new Date());
    await s.db().kysely.updateTable("jobs").set({ kind: "no_such_kind" }).where("id", "=", id).execute();
    await createWorker({ ctx: ctx(), handlers: jobHandlers(), orgId: org.id, pollMs: 10 }).runUntilIdle();
    const job = await getJob(ctx(), org.id, id);
    expect(job).toMatchObject({ status: "dead", attempts: 1 });
    expect(job.lastError).toContain('no handler for job kind "no_such_kind"');
  });
});
