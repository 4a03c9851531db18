import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { listJobs } from "../store/jobs.ts";
import { isPlaysOnly, orgConfig, revertOrgConfig, updateOrgConfig } from "./org-config.ts";

const T = new Date("2026-05-04T09:30:00Z");

it("calls a change plays-only when every changed path is under plays", () => {
  expect(isPlaysOnly([{ path: "plays.tactics.pause-wall.enabled", from: undefined, to: false }])).toBe(true);
  expect(
    isPlaysOnly([
      { path: "plays.approval.arrAbove", from: 50_000, to: 10_000 },
      { path: "scores.headline", from: "churn_risk", to: "health" },
    ]),
  ).toBe(false);
  expect(isPlaysOnly([{ path: "playsExtra", from: 1, to: 2 }])).toBe(false);
  expect(isPlaysOnly([])).toBe(false);
});

describeStores("config change that touches only plays", (s) => {
  const jobs = async (orgId: number) =>
    (await listJobs(s.db(), orgId, { limit: 20 })).map((j) => ({ kind: j.kind, key: j.idempotencyKey }));

  it("queues a plays tick and no score refresh; any other change queues the refresh", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => T);
    const saved = await updateOrgConfig(ctx, org.id, {
      patch: { plays: { tactics: { "feature-discovery": { enabled: false, params: {} } } } },
      author: "key:admin",
      reason: "too noisy",
    });
    expect(saved).toMatchObject({ version: 1, unchanged: false });
    expect(saved.changes.map((c) => c.path)).toEqual(["plays.tactics.feature-discovery"]);
    expect(await jobs(org.id)).toEqual([{ kind: "plays_tick", key: "plays_tick:2026-05-04T09:30" }]);
    const cfg = await orgConfig(ctx, org.id);
    expect(cfg.config.plays.tactics["feature-discovery"]).toEqual({ enabled: false, params: {} });

    const later = testContext(s.db(), () => new Date("2026-05-04T09:45:00Z"));
    await updateOrgConfig(later, org.id, {
      patch: { earlyWarning: { levels: { high: 55 } } },
      author: "key:admin",
    });
    expect((await jobs(org.id))[0]).toEqual({ kind: "refresh", key: "config:v2" });

    // Switching it back on, then reverting to the version that switched it off: plays only both times.
    const on = testContext(s.db(), () => new Date("2026-05-04T10:00:00Z"));
    await updateOrgConfig(on, org.id, {
      patch: { plays: { tactics: { "feature-discovery": { enabled: true } } } },
      author: "key:admin",
    });
    const back = testContext(s.db(), () => new Date("2026-05-04T10:05:00Z"));
    const reverted = await revertOrgConfig(back, org.id, { version: 2, author: "key:admin" });
    expect(reverted.changes.map((c) => c.path)).toEqual(["plays.tactics.feature-discovery.enabled"]);
    expect((await jobs(org.id)).map((j) => j.key)).toEqual([
      "plays_tick:2026-05-04T10:05",
      "plays_tick:2026-05-04T10:00",
      "config:v2",
      "plays_tick:2026-05-04T09:30",
    ]);
  });

  it("refuses a plays parameter outside its declared bounds, naming the path", async () => {
    const org = await s.freshOrg();
    const ctx = testContext(s.db(), () => T);
    await expect(
      updateOrgConfig(ctx, org.id, {
        patch: { plays: { tactics: { "feature-discovery": { params: { nope: 3 } } } } },
        author: "key:admin",
      }),
    ).rejects.toMatchObject({
      details: [expect.stringContaining("plays.tactics.feature-discovery.params.nope")],
    });
    expect(await jobs(org.id)).toEqual([]);
  });
});
