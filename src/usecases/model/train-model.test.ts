import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { parseConfig } from "../../core/config.ts";
import { HoldfastError } from "../../core/errors.ts";
import { listAudit } from "../../store/audit.ts";
import type { Org } from "../../store/orgs.ts";
import { jobHandlers } from "../job-handlers.ts";
import { jobsOverview } from "../jobs.ts";
import { loadDemoWorkspace } from "../load-demo-workspace.ts";
import { recomputeScores } from "../recompute.ts";
import {
  explainCustomer,
  listModelVersions,
  promoteModel,
  queueModelTraining,
  showModel,
} from "./model-registry.ts";
import { trainModel } from "./train-model.ts";

const END = "2026-06-30";
const now = () => new Date("2026-07-01T06:00:00Z");
/** A small workspace: the minimum history lowered so the tests need not load thousands of customers. */
const small = parseConfig({ model: { minSnapshots: 2, minPositives: 1 } });
/** The same data under the default minimum (30 positives): too little history to promote. */
const strict = parseConfig({});

const churnRows = (db: ReturnType<typeof testContext>["db"], orgId: number) =>
  db.kysely
    .selectFrom("scores")
    .select(["customer_id", "score", "reasons"])
    .where("org_id", "=", orgId)
    .where("kind", "=", "churn_risk")
    .orderBy("customer_id")
    .execute();

describeStores("churn and expansion models: registry, promotion, scoring", (s) => {
  let org: Org;
  beforeAll(async () => {
    org = await s.freshOrg();
    await loadDemoWorkspace(testContext(s.db(), now, small), org.id, {
      customers: 120,
      seed: 5,
      end: END,
      months: 12,
    });
  });

  it("records a candidate and refuses to promote it without enough history; churn risk stays the composite", async () => {
    const ctx = testContext(s.db(), now, strict);
    const r = await trainModel(ctx, org.id, { kind: "churn", actor: "test" });
    expect(r.status).toBe("candidate");
    expect(r.reason).toMatch(
      /^Too little history: \d+ monthly snapshots and \d+ positives \(needs 6 and 30\)$/,
    );
    const m = await showModel(ctx, org.id, r.id);
    expect(m.status).toBe("candidate");
    expect(m.metrics).toMatchObject({
      headline: { name: "churn_risk" },
      minimum: { snapshots: 6, positives: 30 },
    });
    expect(Object.keys(m.metrics.baselines as object).sort()).toEqual(["churn_risk", "early_warning"]);
    expect(m.sizeBytes).toBeGreaterThan(100);
    // No promoted model: the refresh scores churn risk with the composite, its rules as reasons.
    await recomputeScores(ctx, org.id, { asOf: END, config: strict, configVersion: 0, cause: "test" });
    const rows = await churnRows(ctx.db, org.id);
    expect(rows.length).toBe(120);
    for (const row of rows) expect(row.reasons).not.toMatch(/: [+-]\d\.\d\d"/);
    const e = await explainCustomer(ctx, org.id, rows[0]!.customer_id);
    expect(e.model).toBeNull();
    expect(e.note).toMatch(/composite/);
  });

  it("promotes only a model that beats the headline on the newest window; churn risk then comes from it", async () => {
    const ctx = testContext(s.db(), now, small);
    const r = await trainModel(ctx, org.id, { kind: "churn", actor: "test" });
    const m = await showModel(ctx, org.id, r.id);
    const model = m.metrics.model as { auc: number; reliability: unknown[]; brier: number };
    const headline = m.metrics.headline as { name: string; auc: number };
    expect(headline.name).toBe("churn_risk");
    expect(model.auc).toBe(r.auc);
    expect(model.reliability.length).toBeGreaterThan(0);
    // The rule, whichever way this data falls.
    expect(r.status).toBe(r.auc > headline.auc ? "promoted" : "candidate");
    if (r.status === "candidate") {
      expect(r.reason).toMatch(/^Does not beat churn_risk on the newest window/);
      await promoteModel(ctx, org.id, r.id, { reason: "promote for the scoring test", actor: "test" });
    } else expect(r.reason).toMatch(/^Beats churn_risk on the newest window/);
    // A promoted churn model queues a rescore; the refresh then scores from it.
    await recomputeScores(ctx, org.id, { asOf: END, config: small, configVersion: 0, cause: "test" });
    const rows = await churnRows(ctx.db, org.id);
    const scored = rows.filter((x) => x.score !== null);
    expect(scored.length).toBeGreaterThan(100);
    const one = scored[0]!;
    const e = await explainCustomer(ctx, org.id, one.customer_id);
    expect(e.model?.id).toBe(r.id);
    expect(Number(one.score)).toBe(e.score);
    expect(e.reasons.length).toBeGreaterThan(0);
    expect(e.reasons[0]!.text).toMatch(/: [+-]\d+\.\d\d$/);
    expect(JSON.parse(one.reasons)[0].text).toBe(e.reasons[0]!.text);
  });

  it("promotes by hand with a reason (audited), retiring the kind's promoted model", async () => {
    const ctx = testContext(s.db(), now, small);
    const a = await trainModel(ctx, org.id, { kind: "expansion", actor: "test" });
    const b = await trainModel(ctx, org.id, { kind: "expansion", actor: "test" });
    expect(b.version).toBe(a.version + 1);
    const err = await promoteModel(ctx, org.id, b.id, { reason: " ", actor: "ana" }).catch((e) => e);
    expect(err).toBeInstanceOf(HoldfastError);
    expect((err as HoldfastError).message).toMatch(/reason must be/);
    await promoteModel(ctx, org.id, a.id, { reason: "first", actor: "ana" }).catch(() => undefined);
    const p = await promoteModel(ctx, org.id, b.id, { reason: "newer data", actor: "ana" });
    expect(p.status).toBe("promoted");
    expect(p.statusReason).toBe("Promoted by hand: newer data");
    expect((await showModel(ctx, org.id, a.id)).status).toBe("retired");
    const list = await listModelVersions(ctx, org.id, { kind: "expansion" });
    expect(list.models.filter((x) => x.status === "promoted").map((x) => x.id)).toEqual([b.id]);
    const audit = await listAudit(ctx.db, org.id, 20);
    expect(audit.find((x) => x.action === "model.promoted" && x.subject === `model:${b.id}`)?.actor).toBe(
      "ana",
    );
    expect((await showModel(ctx, org.id, b.id)).metrics.headline).toMatchObject({
      name: "upgrade_readiness",
    });
  });

  it("trains as a job: queued per kind once per key, run by the handler", async () => {
    const ctx = testContext(s.db(), now, small);
    const q = await queueModelTraining(ctx, org.id, { actor: "test", key: "k1" });
    expect(q.jobs.map((j) => [j.kind, j.created])).toEqual([
      ["churn", true],
      ["expansion", true],
    ]);
    const again = await queueModelTraining(ctx, org.id, { actor: "test", key: "k1" });
    expect(again.jobs.every((j) => !j.created)).toBe(true);
    const job = (await jobsOverview(ctx, org.id)).jobs.find((j) => j.id === q.jobs[0]!.id)!;
    const progress: unknown[] = [];
    const result = (await jobHandlers().train_model({
      ctx,
      job,
      signal: new AbortController().signal,
      progress: (p) => progress.push(p),
    })) as { id: number; kind: string };
    expect(result.kind).toBe("churn");
    expect(progress).toContainEqual({ kind: "churn", phase: "train", done: 0 });
    expect((await showModel(ctx, org.id, result.id)).createdBy).toBe("test");
  });
});
