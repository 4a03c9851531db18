import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import {
  cancelJob,
  claimJobs,
  enqueueJob,
  enqueueUnlessQueued,
  finishJob,
  getJob,
  heartbeatJob,
  jobCounts,
  retryJob,
} from "./jobs.ts";

const T0 = new Date("2026-05-01T10:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describeStores("jobs queue", (s) => {
  it("keeps one job per idempotency key and one queued job per kind when asked", async () => {
    const org = await s.freshOrg();
    const a = await enqueueJob(
      s.db(),
      org.id,
      { kind: "daily_refresh", idempotencyKey: "daily:2026-05-01" },
      T0,
    );
    const b = await enqueueJob(
      s.db(),
      org.id,
      { kind: "daily_refresh", idempotencyKey: "daily:2026-05-01" },
      T0,
    );
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const other = await s.freshOrg(); // keys are per org
    expect(
      (await enqueueJob(s.db(), other.id, { kind: "daily_refresh", idempotencyKey: "daily:2026-05-01" }, T0))
        .created,
    ).toBe(true);
    const r1 = await enqueueUnlessQueued(s.db(), org.id, { kind: "refresh" }, T0);
    const r2 = await enqueueUnlessQueued(s.db(), org.id, { kind: "refresh" }, T0);
    expect(r2).toBe(r1);
  });

  it("claims due jobs by priority, holds them under a lease, and gives an expired lease to another worker", async () => {
    const org = await s.freshOrg();
    const low = await enqueueJob(s.db(), org.id, { kind: "ping", priority: 0 }, T0);
    const high = await enqueueJob(s.db(), org.id, { kind: "ping", priority: 9 }, T0);
    const later = await enqueueJob(s.db(), org.id, { kind: "ping", runAt: at(3600) }, T0);
    const claimed = await claimJobs(s.db(), {
      workerId: "w1",
      limit: 5,
      now: at(1),
      leaseMs: 10_000,
      orgId: org.id,
    });
    expect(claimed.map((j) => j.id)).toEqual([high.id, low.id]); // not the one due in an hour
    expect(claimed[0]).toMatchObject({ status: "running", attempts: 1, lockedBy: "w1" });
    // Nothing else to claim while the leases hold.
    expect(
      await claimJobs(s.db(), { workerId: "w2", limit: 5, now: at(5), leaseMs: 10_000, orgId: org.id }),
    ).toEqual([]);
    // w1 keeps `high` alive; `low`'s lease runs out and w2 takes it (attempt 2).
    expect(await heartbeatJob(s.db(), high.id, "w1", at(20), { done: 1 })).toEqual({
      held: true,
      cancelRequested: false,
    });
    const taken = await claimJobs(s.db(), {
      workerId: "w2",
      limit: 5,
      now: at(12),
      leaseMs: 10_000,
      orgId: org.id,
    });
    expect(taken.map((j) => [j.id, j.attempts, j.lockedBy])).toEqual([[low.id, 2, "w2"]]);
    // w1 lost `low`: its heartbeat and its finish no longer count.
    expect((await heartbeatJob(s.db(), low.id, "w1", at(30))).held).toBe(false);
    expect(await finishJob(s.db(), low.id, "w1", { status: "done", result: null }, at(13))).toBe(false);
    expect(await finishJob(s.db(), low.id, "w2", { status: "done", result: { ok: 1 } }, at(13))).toBe(true);
    expect((await getJob(s.db(), org.id, high.id))?.progress).toEqual({ done: 1 });
    expect((await getJob(s.db(), org.id, later.id))?.status).toBe("queued");
  });

  it("retries at the time given, ends dead, and a dead job can be queued again", async () => {
    const org = await s.freshOrg();
    const { id } = await enqueueJob(s.db(), org.id, { kind: "ping", maxAttempts: 2 }, T0);
    await claimJobs(s.db(), { workerId: "w", limit: 1, now: T0, leaseMs: 60_000, orgId: org.id });
    await finishJob(s.db(), id, "w", { status: "queued", error: "boom", retryAt: at(30) }, T0);
    expect(
      await claimJobs(s.db(), { workerId: "w", limit: 1, now: at(10), leaseMs: 60_000, orgId: org.id }),
    ).toEqual([]);
    const again = await claimJobs(s.db(), {
      workerId: "w",
      limit: 1,
      now: at(31),
      leaseMs: 60_000,
      orgId: org.id,
    });
    expect(again[0]?.attempts).toBe(2);
    await finishJob(s.db(), id, "w", { status: "dead", error: "boom twice" }, at(32));
    expect(await getJob(s.db(), org.id, id)).toMatchObject({ status: "dead", lastError: "boom twice" });
    expect((await jobCounts(s.db(), org.id)).dead).toBe(1);
    expect(await retryJob(s.db(), org.id, id, at(40))).toBe(true);
    expect(await getJob(s.db(), org.id, id)).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("a lease that expires on the last attempt makes the job dead instead of running it again", async () => {
    const org = await s.freshOrg();
    const { id } = await enqueueJob(s.db(), org.id, { kind: "ping", maxAttempts: 1 }, T0);
    await claimJobs(s.db(), { workerId: "w", limit: 1, now: T0, leaseMs: 1_000, orgId: org.id });
    expect(
      await claimJobs(s.db(), { workerId: "w2", limit: 1, now: at(5), leaseMs: 1_000, orgId: org.id }),
    ).toEqual([]);
    expect(await getJob(s.db(), org.id, id)).toMatchObject({ status: "dead" });
    expect((await getJob(s.db(), org.id, id))?.lastError).toMatch(/lease expired/);
  });

  it("cancels a queued job at once and asks a running one to stop; other orgs cannot touch it", async () => {
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    const queued = await enqueueJob(s.db(), org.id, { kind: "ping", runAt: at(100) }, T0);
    const running = await enqueueJob(s.db(), org.id, { kind: "ping" }, T0);
    await claimJobs(s.db(), { workerId: "w", limit: 1, now: at(1), leaseMs: 60_000, orgId: org.id });
    expect(await cancelJob(s.db(), other.id, queued.id, at(2))).toBeUndefined();
    expect((await cancelJob(s.db(), org.id, queued.id, at(2)))?.status).toBe("cancelled");
    expect((await cancelJob(s.db(), org.id, running.id, at(2)))?.cancelRequested).toBe(true);
    expect(await heartbeatJob(s.db(), running.id, "w", at(60))).toEqual({
      held: true,
      cancelRequested: true,
    });
  });

  it("runs an org's exclusive kinds one at a time, other orgs and kinds alongside", async () => {
    const org = await s.freshOrg();
    const other = await s.freshOrg();
    const ex = ["refresh", "daily_refresh"];
    // Claims are scoped to each test org: other suites' jobs in a shared database stay out.
    const claim = (orgId: number, now: Date) =>
      claimJobs(s.db(), { workerId: "w", limit: 10, now, leaseMs: 60_000, orgId, exclusiveKinds: ex });
    const a = await enqueueJob(s.db(), org.id, { kind: "refresh" }, T0);
    const b = await enqueueJob(s.db(), org.id, { kind: "daily_refresh" }, T0);
    const c = await enqueueJob(s.db(), other.id, { kind: "refresh" }, T0);
    const p = await enqueueJob(s.db(), org.id, { kind: "ping" }, T0);
    // One claim picks a and b (both due): b is given back, a runs with the ping.
    expect((await claim(org.id, at(1))).map((j) => j.id).sort()).toEqual([a.id, p.id].sort());
    expect(await getJob(s.db(), org.id, b.id)).toMatchObject({ status: "queued", attempts: 0 });
    // Another org's refresh runs alongside.
    expect((await claim(other.id, at(1))).map((j) => j.id)).toEqual([c.id]);
    // b is not claimed while a runs, and is once a is done.
    expect(await claim(org.id, at(2))).toEqual([]);
    await finishJob(s.db(), a.id, "w", { status: "done", result: null }, at(3));
    expect((await claim(org.id, at(4))).map((j) => j.id)).toEqual([b.id]);
  });
});
